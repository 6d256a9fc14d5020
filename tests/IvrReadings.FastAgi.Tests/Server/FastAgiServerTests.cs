using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi.Tests.Server;

/// <summary>The real server (its own socket listener) against the fake Asterisk, over loopback TCP: which scripts and clients it
/// serves, its limits and time-outs, shutdown, and what it logs.</summary>
public sealed class FastAgiServerTests
{
    private static SimCallOptions Call(string script = "test") => new() { Script = script };

    /// <summary>No script body failed, read once every body has returned (not at the caller's end).</summary>
    private static async Task NoFailuresAsync(TestServer server) => Assert.Empty(await server.Scripts.FailuresWhenDoneAsync());

    [Fact]
    public async Task Unknown_script_is_closed_at_once_so_the_dialplan_continues()
    {
        await using var server = await TestServer.StartAsync(new TestScripts().Add("test", (_, _) => Task.CompletedTask));

        var result = await server.CallAsync(Call("no-such-script"));

        Assert.Empty(result.Commands);
        Assert.Equal(SimEndReason.AppClosed, result.EndReason);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("no-such-script", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clients_outside_the_allow_list_are_refused_with_a_log_line()
    {
        var ran = false;
        var scripts = new TestScripts().Add("test", (_, _) =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        await using var server = await TestServer.StartAsync(scripts, o => o.AllowedClients = ["10.9.9.9", "192.168.0.0/16"]);

        var result = await server.CallAsync(Call());

        Assert.False(ran);
        Assert.Empty(result.Commands);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clients_inside_the_allow_list_are_served()
    {
        var scripts = new TestScripts().Add("test", (ch, ct) => ch.AnswerAsync(ct));
        await using var server = await TestServer.StartAsync(scripts, o => o.AllowedClients = ["10.9.9.9", "127.0.0.0/8"]);

        var result = await server.CallAsync(Call());

        Assert.Equal(["ANSWER"], result.Commands);
    }

    [Fact]
    public async Task Past_the_maximum_a_call_hears_the_busy_prompt_and_is_closed()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) => await ch.WaitForDigitAsync(-1, ct));
        await using var server = await TestServer.StartAsync(scripts, o => o.MaxConcurrentCalls = 1);
        var waiting = new CommandSignal("WAIT FOR DIGIT");
        var release = new TaskCompletionSource();

        var first = server.CallAsync(new SimCallOptions { Script = "test", Observer = waiting }, CallerScript.Create().Hold(release.Task).Press("5"));
        await waiting.Seen.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, server.Status.ActiveCalls);

        var refused = await server.CallAsync(Call());
        release.SetResult();
        var served = await first;

        Assert.Equal(["STREAM FILE ivr-readings/busy \"\""], refused.Commands);
        Assert.Equal(SimEndReason.AppClosed, refused.EndReason);
        Assert.Equal(["WAIT FOR DIGIT -1"], served.Commands);
        Assert.Contains(served.Transcript, l => l.Text == "200 result=53");
        await NoFailuresAsync(server);
    }

    [Fact]
    public async Task A_command_without_a_reply_times_out_and_the_connection_is_closed()
    {
        var timedOut = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            try
            {
                await ch.SendRawAsync(new AgiCommand("WAIT FOR DIGIT", "-1"), ct);
            }
            catch (Exception ex)
            {
                timedOut.SetResult(ex);
            }
        });
        await using var server = await TestServer.StartAsync(scripts, o => o.CommandTimeout = TimeSpan.FromMilliseconds(300));
        using var stopCaller = new CancellationTokenSource();

        var call = server.CallAsync(Call(), CallerScript.Create().Hold(new TaskCompletionSource().Task), stopCaller.Token);
        var error = await timedOut.Task.WaitAsync(TimeSpan.FromSeconds(10));
        stopCaller.Cancel(); // the fake caller would hold forever, like Asterisk in WAIT FOR DIGIT -1
        await call;

        Assert.IsType<TimeoutException>(error);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("no reply", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graceful_shutdown_lets_running_calls_finish_then_cancels_the_rest()
    {
        var quickAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letQuickFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuckAborted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuckHungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts()
            .Add("quick", async (ch, ct) =>
            {
                await ch.AnswerAsync(ct);
                quickAnswered.SetResult();
                await letQuickFinish.Task;
                await ch.SetVariableAsync("DONE", "1", ct);
            })
            .Add("stuck", async (ch, ct) =>
            {
                ch.HungUp.Register(() => stuckHungUp.TrySetResult());
                try
                {
                    await ch.WaitForDigitAsync(-1, ct);
                }
                finally
                {
                    stuckAborted.TrySetResult(ct.IsCancellationRequested);
                }
            });
        await using var server = await TestServer.StartAsync(scripts, o => o.ShutdownGrace = TimeSpan.FromMilliseconds(1500));
        var stuckWaiting = new CommandSignal("WAIT FOR DIGIT");
        using var stopCallers = new CancellationTokenSource();

        var quick = server.CallAsync(Call("quick"));
        var stuck = server.CallAsync(new SimCallOptions { Script = "stuck", Observer = stuckWaiting }, CallerScript.Create().Hold(new TaskCompletionSource().Task), stopCallers.Token);
        await quickAnswered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stuckWaiting.Seen.WaitAsync(TimeSpan.FromSeconds(10));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stopping = server.StopAsync();
        Assert.False(server.Status.Listening);
        letQuickFinish.SetResult();
        var quickResult = await quick.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("1", quickResult.Variables["DONE"]); // a command sent after shutdown began still worked

        Assert.True(await stuckAborted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1400), $"aborted after {clock.Elapsed}, before the grace was over");
        await stuckHungUp.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        stopCallers.Cancel();
        await stuck;
    }

    [Fact]
    public async Task The_call_time_limit_aborts_the_handler()
    {
        var aborted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            try
            {
                await ch.WaitForDigitAsync(-1, ct);
            }
            finally
            {
                aborted.TrySetResult(ct.IsCancellationRequested);
            }
        });
        await using var server = await TestServer.StartAsync(scripts, o => o.CallTimeout = TimeSpan.FromMilliseconds(200));
        using var stopCaller = new CancellationTokenSource();

        var call = server.CallAsync(Call(), CallerScript.Create().Hold(new TaskCompletionSource().Task), stopCaller.Token);

        Assert.True(await aborted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        stopCaller.Cancel();
        await call;
        await server.StopAsync(); // waits for the connection to finish, so its last log line is written
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("time limit", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith("Call ended: timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_the_script_ends_with_its_own_HANGUP_is_logged_as_completed_not_as_the_callers_hangup()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await ch.StreamFileAsync("goodbye", "", 0, ct);
            await ch.HangupAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);

        var call = await server.CallAsync(Call(), CallerScript.Create());

        Assert.Contains(call.Commands, c => c.StartsWith("HANGUP", StringComparison.Ordinal));
        await server.StopAsync(); // waits for the connection to finish, so its last log line is written
        var ended = Assert.Single(server.Logs.Entries, e => e.Message.StartsWith("Call ended:", StringComparison.Ordinal));
        Assert.StartsWith("Call ended: completed", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_log_line_of_a_call_carries_its_call_id_and_a_hangup_is_not_an_error()
    {
        string? callId = null;
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            callId = ch.CallId;
            await ch.AnswerAsync(ct);
            await ch.StreamFileAsync("welcome", "", 0, ct); // throws CallHungUpException: the handler lets it go
        });
        await using var server = await TestServer.StartAsync(scripts);
        var options = Call();

        await server.CallAsync(options, CallerScript.Create().HangUpDuringNextCommand());
        await server.StopAsync(); // waits for the connection to finish and writes its summary line

        // The server's own id names the call; Asterisk's unique id is only mentioned when the call starts.
        Assert.Matches("^[0-9a-f]{32}$", callId);
        var callLines = server.Logs.Entries.Where(e => e.Category == "IvrReadings.FastAgi").ToList();
        Assert.Contains(callLines, e => e.Message.StartsWith("Call ended: hangup", StringComparison.Ordinal));
        Assert.Contains(callLines, e => e.Message.Contains("Asterisk id " + options.UniqueId, StringComparison.Ordinal));
        Assert.All(callLines, e =>
        {
            Assert.Equal(callId, e.Scope["CallId"]);
            Assert.Equal(options.Channel, e.Scope["Channel"]);
            Assert.True(e.Level < LogLevel.Warning, e.Message);
        });
        Assert.Contains(callLines, e => e.Message == "AGI >> ANSWER");
    }

    [Fact]
    public async Task A_call_writes_one_information_line_of_its_own_its_summary_with_outcome_script_caller_and_asterisk_id()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await ch.HangupAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        var options = Call();

        await server.CallAsync(options);
        await server.StopAsync(); // waits for the connection to finish, so its last log line is written

        // Every line costs CPU on the socket thread: the start (and our own HANGUP) only at Debug, the end says it all.
        var callLines = server.Logs.Entries.Where(e => e.Category == "IvrReadings.FastAgi" && e.Scope.ContainsKey("CallId")).ToList();
        var summary = Assert.Single(callLines, e => e.Level >= LogLevel.Information);
        Assert.StartsWith("Call ended: ", summary.Message, StringComparison.Ordinal);
        Assert.Contains($"script test, caller {options.CallerId}, Asterisk id {options.UniqueId}", summary.Message, StringComparison.Ordinal);
        Assert.Contains(callLines, e => e.Level == LogLevel.Debug && e.Message.StartsWith("Call started: script test", StringComparison.Ordinal));
        await NoFailuresAsync(server);
    }

    [Fact]
    public async Task Summaries_are_written_after_the_calls_without_a_stop_each_with_its_own_call_id()
    {
        var callIds = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            callIds.Enqueue(ch.CallId);
            await ch.AnswerAsync(ct);
            await ch.HangupAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        for (var i = 0; i < 3; i++)
        {
            await server.CallAsync(Call());
        }

        // Written off the socket thread by a timer (CallSummaryLog.Interval): generous on a loaded machine. The outcome
        // (completed or hangup) depends on who closed first, the summary of each call is what is checked.
        List<LogEntry> summaries = [];
        for (var wait = 0; wait < 600 && summaries.Count < 3; wait++)
        {
            await Task.Delay(50);
            summaries = server.Logs.Entries.Where(e => e.Message.StartsWith("Call ended: ", StringComparison.Ordinal)).ToList();
        }

        Assert.Equal(callIds.Order(StringComparer.Ordinal), summaries.Select(e => (string)e.Scope["CallId"]!).Order(StringComparer.Ordinal));
        Assert.All(summaries, e => Assert.Equal(LogLevel.Information, e.Level));
        await NoFailuresAsync(server);
    }
}
