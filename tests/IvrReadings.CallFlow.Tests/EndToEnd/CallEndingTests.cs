using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IvrReadings.AsteriskSim;
using IvrReadings.AsteriskSim.Phone;
using IvrReadings.CallFlow.Tests.Voice;
using IvrReadings.Testing;
using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Tests.EndToEnd;

/// <summary>
/// How calls end, as the fake Asterisk speaks it (the wire transcripts): a hang-up during a prompt is a hang-up, not a
/// missing prompt; a hand-off to the operator is a hand-off, not a hang-up; a server shutting down tells the callers
/// still on the line. On SQLite: nothing here depends on the provider.
/// </summary>
public sealed class CallEndingTests
{
    private static CallerScript Keys(string keys) => PhoneSimulator.ScriptedCaller(keys);

    [Fact]
    public async Task A_hangup_during_the_account_prompt_is_not_reported_as_a_missing_prompt_and_nothing_more_is_sent()
    {
        await using var server = await ReadingsServer.StartAsync(TestDatabase.Sqlite);
        var options = new SimCallOptions { Query = "lang=ru" };
        // Asterisk answers "200 result=-1" for a hang-up during GET DATA, exactly as for a missing file; the HANGUP
        // line follows about 40 ms later (transcript 30).
        var result = await server.CallAsync(Keys("2").HangUpDuringNextCommand(), options);

        Assert.True(result.HungUp);
        Assert.StartsWith("GET DATA ivr-readings/account-enter ", result.Commands[^1], StringComparison.Ordinal);
        var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        Assert.Equal((CallOutcome.Abandoned, "AccountEntry"), (call.Outcome, call.LastStep));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("has no prompt", StringComparison.Ordinal));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task A_missing_prompt_is_still_reported_once_and_the_call_goes_on()
    {
        await using var server = await ReadingsServer.StartAsync(TestDatabase.Sqlite);
        var options = new SimCallOptions { Query = "lang=ru", PromptExists = file => !file.EndsWith("/tone-hint", StringComparison.Ordinal) };
        var result = await server.CallAsync(Keys("2 1234567# 1 2 1 110# 1 2"), options);

        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        Assert.Single(server.Logs.Entries, e => e.Message.Contains("has no prompt ivr-readings/tone-hint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operator_hand_off_is_logged_and_counted_as_the_hand_off_not_as_a_hangup()
    {
        var outcomes = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "IvrReadings" && instrument.Name == "ivr_calls_total")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcomes.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();
        await using var server = await ReadingsServer.StartAsync(TestDatabase.Sqlite);
        var options = new SimCallOptions { Query = "lang=ru" };

        var result = await server.CallAsync(Keys("0"), options);

        Assert.Equal("operator", result.Variables["IVR_RESULT"]);
        Assert.False(result.HungUp); // the dialplan goes on to the queue
        var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        Assert.Equal(CallOutcome.Operator, call.Outcome);
        // The summary line is written by a timer after the call (CallSummaryLog): wait for it, generously.
        for (var i = 0; i < 400 && !server.Logs.Entries.Any(e => e.Message.StartsWith("Call ended", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("handed to the operator queue", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith("Call ended: completed", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("hung up", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("operator", outcomes);
    }

    [Fact]
    public async Task A_call_still_running_when_the_shutdown_grace_ends_hears_technical_problem_and_gets_a_result()
    {
        await using var server = await ReadingsServer.StartAsync(TestDatabase.Sqlite, fastAgi: o =>
        {
            o.ShutdownGrace = TimeSpan.FromMilliseconds(300);
            o.ShutdownNotice = TimeSpan.FromSeconds(10);
        });
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new SimCallOptions { Query = "lang=ru", Observer = new CommandSeen("GET DATA ivr-readings/reading", holding) };
        // The caller is thinking over the reading when the server is told to stop.
        var caller = Keys("2 1234567# 1 1").Hold(release.Task).StaySilent();
        var call = server.CallAsync(caller, options);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // past the grace: the command in flight is abandoned
        release.SetResult(); // Asterisk answers it (GET DATA times out), and only then can anything else be said
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("failed", result.Variables["IVR_RESULT"]);
        Assert.Equal("ivr-readings/technical-problem", result.Played[^1]);
        var ended = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        Assert.Equal((CallOutcome.TechnicalFailure, "ReadingEntry"), (ended.Outcome, ended.LastStep));
    }

    [Fact]
    public async Task A_voice_call_cut_by_the_shutdown_is_told_logged_as_a_technical_failure_and_keeps_its_answers()
    {
        await using var server = await VoiceServer.StartAsync(TestDatabase.Sqlite, fastAgi: o =>
        {
            o.ShutdownGrace = TimeSpan.FromMilliseconds(300);
            o.ShutdownNotice = TimeSpan.FromSeconds(10);
        });
        server.Hears("account-1.wav", FakeSpeechRecognizer.Json(VoiceEndToEndTests.Account, 0.95));
        var secondAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = VoiceServer.Voice();
        options.Observer = new CommandSeen("EXEC AudioSocket", secondAnswer, count: 2);
        // The caller says the account, then is asked to confirm it; their phone sends nothing while the server stops.
        var caller = CallerScript.Create().SayTone(0.5).SendNoAudio();
        var call = server.CallAsync(caller, options);
        await secondAnswer.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = server.StopAsync();
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("failed", result.Variables["IVR_RESULT"]);
        Assert.Equal("ivr-readings/technical-problem", result.Played[^1]);
        var callId = await server.CallIdAsync(options);
        var ended = await server.CallLog.WaitForEndAsync(callId);
        Assert.Equal((CallOutcome.TechnicalFailure, "AccountConfirm"), (ended.Outcome, ended.LastStep));
        var recordings = await server.Recordings.ForCallAsync(callId, CancellationToken.None);
        Assert.Contains(recordings, r => r.Step == "account");
    }

    /// <summary>Completes <paramref name="seen"/> when the <paramref name="count"/>th command starting with <paramref name="prefix"/> is sent.</summary>
    private sealed class CommandSeen(string prefix, TaskCompletionSource seen, int count = 1) : ISimCallObserver
    {
        private int _seen;

        public void OnCommand(SimulatedCall call, string line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal) && Interlocked.Increment(ref _seen) == count)
            {
                seen.TrySetResult();
            }
        }
    }
}
