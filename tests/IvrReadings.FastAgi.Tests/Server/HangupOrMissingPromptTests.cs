using System.Diagnostics;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Server;

/// <summary>
/// Asterisk answers <c>200 result=-1</c> both for a prompt it does not have and for a caller who hung up during it
/// (transcripts 11, 30, 31). The fake Asterisk speaks those transcripts; the channel tells the two apart and sends
/// nothing more to a dead channel once the HANGUP line has told it so.
/// </summary>
public sealed class HangupOrMissingPromptTests
{
    private static (TestScripts Scripts, TaskCompletionSource<string> Outcome) GetDataThenPrompt(string prompt)
    {
        var outcome = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            try
            {
                var data = await ch.GetDataAsync(prompt, 3000, 10, ct);
                outcome.TrySetResult(data.PromptMissing ? "missing" : "digits " + data.Digits);
                await ch.StreamFileAsync("ivr-readings/next", "", 0, ct);
            }
            catch (CallHungUpException)
            {
                outcome.TrySetResult("hangup");
                throw;
            }
        });
        return (scripts, outcome);
    }

    [Fact]
    public async Task A_hangup_during_get_data_is_a_hangup_and_nothing_more_is_sent()
    {
        var (scripts, outcome) = GetDataThenPrompt("ivr-readings/reading-enter");
        await using var server = await TestServer.StartAsync(scripts);

        var wire = new WireClock();

        var result = await server.CallAsync(new SimCallOptions { Script = "test", Observer = wire }, CallerScript.Create().HangUpDuringNextCommand());

        Assert.Equal("hangup", await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        // The HANGUP line ~40 ms after "200 result=-1" settles it: no probe, no next prompt to a dead channel. Only a
        // machine so loaded that the line took longer than the channel waits for it (500 ms) may see the probe, and
        // then not before that wait: a channel that did not wait probes at once.
        if (result.Commands.Contains("CHANNEL STATUS"))
        {
            Assert.True(wire.ProbeAfterReply >= TimeSpan.FromMilliseconds(450), $"CHANNEL STATUS {wire.ProbeAfterReply.TotalMilliseconds} ms after the -1 reply");
            Assert.Equal(["ANSWER", "GET DATA ivr-readings/reading-enter 3000 10", "CHANNEL STATUS"], result.Commands);
        }
        else
        {
            Assert.Equal(["ANSWER", "GET DATA ivr-readings/reading-enter 3000 10"], result.Commands);
        }
    }

    /// <summary>When the fake Asterisk wrote the -1 reply and when the CHANNEL STATUS probe reached it.</summary>
    private sealed class WireClock : ISimCallObserver
    {
        private long _reply;
        private long _probe;

        public TimeSpan ProbeAfterReply => Stopwatch.GetElapsedTime(Interlocked.Read(ref _reply), Interlocked.Read(ref _probe));

        public void OnReply(SimulatedCall call, string line)
        {
            if (line.StartsWith("200 result=-1", StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref _reply, Stopwatch.GetTimestamp(), 0);
            }
        }

        public void OnCommand(SimulatedCall call, string line)
        {
            if (line.StartsWith("CHANNEL STATUS", StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref _probe, Stopwatch.GetTimestamp(), 0);
            }
        }
    }

    [Fact]
    public async Task Without_a_hangup_line_channel_status_decides_and_the_next_prompt_is_not_sent()
    {
        var (scripts, outcome) = GetDataThenPrompt("ivr-readings/reading-enter");
        await using var server = await TestServer.StartAsync(scripts);

        // AGISIGHUP=no (transcript 31): Asterisk sends no HANGUP line, only -1 and then 511 for what follows.
        var result = await server.CallAsync(new SimCallOptions { Script = "test", AgiSigHup = false }, CallerScript.Create().HangUpDuringNextCommand());

        Assert.Equal("hangup", await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["ANSWER", "GET DATA ivr-readings/reading-enter 3000 10", "CHANNEL STATUS"], result.Commands);
    }

    [Fact]
    public async Task A_missing_prompt_on_a_live_channel_is_reported_missing_and_the_call_goes_on()
    {
        var (scripts, outcome) = GetDataThenPrompt("ivr-readings/no-such-prompt");
        await using var server = await TestServer.StartAsync(scripts);

        var result = await server.CallAsync(new SimCallOptions { Script = "test" }, CallerScript.Create());

        Assert.Equal("missing", await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["ANSWER", "GET DATA ivr-readings/no-such-prompt 3000 10", "CHANNEL STATUS", "STREAM FILE ivr-readings/next \"\""], result.Commands);
    }
}
