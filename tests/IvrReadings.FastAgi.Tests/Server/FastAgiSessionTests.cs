using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Server;

/// <summary>One FastAGI session on the real server, against the fake Asterisk over loopback TCP: the environment, typed commands and
/// their replies, hang-ups in each of Asterisk's ways.</summary>
public sealed class FastAgiSessionTests
{
    private static SimCallOptions Call(string script = "test") => new() { Script = script };

    /// <summary>No script body failed, read once every body has returned (not at the caller's end).</summary>
    private static async Task NoFailuresAsync(TestServer server) => Assert.Empty(await server.Scripts.FailuresWhenDoneAsync());

    [Fact]
    public async Task Environment_sent_line_by_line_with_pauses_reaches_the_handler_intact()
    {
        AgiEnvironment? seen = null;
        var scripts = new TestScripts().Add("readings", async (ch, ct) =>
        {
            seen = ch.Environment;
            await ch.AnswerAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        var options = new SimCallOptions
        {
            Script = "readings",
            Query = "lang=ru&acct=12%2034",
            Arguments = ["readings", "second arg", ""],
            CallerId = "79160000001",
            CallerIdName = "Иван Петров",
            Language = "ru",
            UniqueId = "1795313187.95",
            EnvironmentLineDelay = TimeSpan.FromMilliseconds(1),
        };

        var result = await server.CallAsync(options);

        await NoFailuresAsync(server);
        Assert.NotNull(seen);
        Assert.Equal("readings", seen.Script);
        Assert.Equal("lang=ru&acct=12%2034", seen.Query);
        Assert.Equal("12 34", seen.GetQueryParameter("acct"));
        Assert.Equal(["readings", "second arg", ""], seen.Arguments);
        Assert.Equal("Иван Петров", seen.CallerIdName);
        Assert.Equal("79160000001", seen.CallerId);
        Assert.Equal("ru", seen.Language);
        Assert.Equal("1795313187.95", seen.UniqueId);
        Assert.Equal(options.Channel, seen.Channel);
        Assert.Equal(["ANSWER"], result.Commands);
        Assert.Equal(SimEndReason.AppClosed, result.EndReason);
    }

    [Fact]
    public async Task A_long_environment_block_and_long_replies_grow_the_buffer_and_arrive_whole()
    {
        // Far more than the first receive buffer (1 KB) and the per-call one after it (256 bytes).
        var longName = string.Concat(Enumerable.Repeat("Очень длинное имя абонента ", 60));
        var longValue = new string('v', 5000);
        AgiEnvironment? seen = null;
        string? variable = null;
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            seen = ch.Environment;
            variable = await ch.GetVariableAsync("LONG", ct);
            await ch.AnswerAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);
        var options = new SimCallOptions
        {
            Script = "test",
            CallerIdName = longName,
            ExtraEnvironment = { ["agi_accountcode"] = new string('a', 3000) },
            Variables = { ["LONG"] = longValue },
        };

        var result = await server.CallAsync(options);

        await NoFailuresAsync(server);
        Assert.Equal(longName, seen!.CallerIdName);
        Assert.Equal(new string('a', 3000), seen.Get("agi_accountcode"));
        Assert.Equal(longValue, variable);
        Assert.Equal(["GET VARIABLE LONG", "ANSWER"], result.Commands);
    }

    [Fact]
    public async Task The_bench_call_sends_the_exact_command_sequence()
    {
        var scripts = new TestScripts().Add("bench", (ch, ct) => new BenchScriptHandler().HandleAsync(ch, ct));
        await using var server = await TestServer.StartAsync(scripts);

        var result = await server.CallAsync(Call("bench"), CallerScript.Create().Press("4242#"));

        await NoFailuresAsync(server);
        Assert.Equal(
            [
                "ANSWER",
                "STREAM FILE ivr-readings/welcome \"\"",
                "STREAM FILE ivr-readings/account \"\"",
                "STREAM FILE ivr-readings/enter \"\"",
                "GET DATA beep 5000 10",
                "SAY DIGITS 4242 \"\"",
                "SET VARIABLE IVR_RESULT 4242",
                "HANGUP",
            ],
            result.Commands);
        Assert.Equal("4242", result.Variables["IVR_RESULT"]);
        Assert.Equal(SimEndReason.AppClosedAfterHangup, result.EndReason);
    }

    [Fact]
    public async Task Typed_commands_map_the_replies_of_a_real_asterisk()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            Assert.Equal(4, await ch.ChannelStatusAsync(ct));
            await ch.AnswerAsync(ct);
            Assert.Equal(6, await ch.ChannelStatusAsync(ct));
            var played = await ch.StreamFileAsync("welcome", "0123456789*#", 0, ct);
            Assert.Equal(new StreamFileResult('5', 6400, false), played);
            Assert.Equal(new StreamFileResult(null, 0, true), await ch.StreamFileAsync("no-such-file", "", 0, ct));
            Assert.Equal(new GetDataResult("0123", false, false), await ch.GetDataAsync("beep", 3000, 4, ct)); // '5' was used above; "0123" typed
            Assert.Equal(new GetDataResult("12", true, false), await ch.GetDataAsync("beep", 3000, 4, ct));
            Assert.Equal(new GetDataResult("", true, false), await ch.GetDataAsync("beep", 3000, 4, ct));
            Assert.Equal(new GetDataResult("", false, true), await ch.GetDataAsync("no-such-prompt", 3000, 4, ct));
            Assert.Equal('7', await ch.WaitForDigitAsync(1000, ct));
            Assert.Null(await ch.WaitForDigitAsync(1000, ct));
            Assert.Null(await ch.SayNumberAsync(1234, "", null, ct));
            Assert.Equal('3', await ch.SayNumberAsync(21, "0123456789", "f", ct));
            Assert.Null(await ch.GetVariableAsync("NOSUCHVAR", ct));
            await ch.SetVariableAsync("MYVAR", "x (y) z endpos=5", ct);
            Assert.Equal("x (y) z endpos=5", await ch.GetVariableAsync("MYVAR", ct));
            await ch.SetVariableAsync("CHANNEL(language)", "ru", ct);
            Assert.Equal("ru", await ch.GetVariableAsync("CHANNEL(language)", ct));
            Assert.Equal("x (y) z endpos=5-79161234567", await ch.GetFullVariableAsync("${MYVAR}-${CALLERID(num)}", ct));
            Assert.Equal(-2, await ch.ExecAsync("NoSuchApplication", "foo", ct));
            Assert.Equal(0, await ch.ExecAsync("Set", "FOO=bar baz", ct));
            Assert.Equal("bar baz", await ch.GetVariableAsync("FOO", ct));
            await ch.SetMusicAsync(true, "default", ct);
            await ch.SetMusicAsync(false, null, ct);
            await ch.VerboseAsync("Привет, мир", 3, ct);
            var agiError = await Assert.ThrowsAsync<AgiCommandException>(() => ch.SendRawAsync(new AgiCommand("FOO", "BAR"), ct));
            Assert.Equal(510, agiError.Response.Code);
        });
        await using var server = await TestServer.StartAsync(scripts);

        var caller = CallerScript.Create().Press("50123").Press("12").StaySilent().Press("7").StaySilent().Press("3");
        var result = await server.CallAsync(Call(), caller);

        await NoFailuresAsync(server);
        Assert.Contains("SAY NUMBER 21 \"0123456789\" f", result.Commands);
        Assert.Contains("VERBOSE \"Привет, мир\" 3", result.Commands);
        Assert.Equal(SimEndReason.AppClosed, result.EndReason);
    }

    [Fact]
    public async Task Recording_writes_a_wav_and_reports_how_it_ended()
    {
        var directory = Directory.CreateTempSubdirectory("ivr-rec-");
        try
        {
            RecordFileResult? dtmf = null, silence = null, noFrames = null, writeFile = null, hangup = null;
            var scripts = new TestScripts().Add("test", async (ch, ct) =>
            {
                await ch.AnswerAsync(ct);
                dtmf = await ch.RecordFileAsync(new RecordFileRequest(Path.Combine(directory.FullName, "a"), MaxMs: 20000), ct);
                silence = await ch.RecordFileAsync(new RecordFileRequest(Path.Combine(directory.FullName, "b"), MaxMs: 20000, Beep: true, SilenceSeconds: 2), ct);
                noFrames = await ch.RecordFileAsync(new RecordFileRequest(Path.Combine(directory.FullName, "d"), MaxMs: 300, SilenceSeconds: 2), ct);
                writeFile = await ch.RecordFileAsync(new RecordFileRequest("/nonexistent-dir/x", MaxMs: 1000), ct);
                hangup = await ch.RecordFileAsync(new RecordFileRequest(Path.Combine(directory.FullName, "c"), MaxMs: 20000), ct);
                Assert.True(ch.IsHungUp);
            });
            await using var server = await TestServer.StartAsync(scripts);

            var caller = CallerScript.Create().SayTone(1).Press("#").SayTone(0.5).SendNoAudio().SayTone(0.25).HangUp();
            var result = await server.CallAsync(Call(), caller);

            await NoFailuresAsync(server);
            Assert.Equal(new RecordFileResult(RecordEndReason.Dtmf, '#', 8000), dtmf);
            Assert.Equal(new RecordFileResult(RecordEndReason.Timeout, null, 4000 + 16000), silence);
            // No frame came before the limit ("result=0 (timeout)"): told apart from an end by silence.
            Assert.Equal(new RecordFileResult(RecordEndReason.TimeLimit, null, 0), noFrames);
            Assert.Equal(RecordEndReason.WriteFile, writeFile!.EndReason);
            Assert.Equal(new RecordFileResult(RecordEndReason.Hangup, null, 2000), hangup);
            Assert.Contains("RECORD FILE " + Path.Combine(directory.FullName, "b") + " wav \"#\" 20000 0 BEEP s=2", result.Commands);
            var wav = await File.ReadAllBytesAsync(Path.Combine(directory.FullName, "a.wav"));
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
            Assert.Equal(44 + 16000, wav.Length); // 1 s of 8 kHz 16-bit mono
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public async Task Usage_text_arriving_late_is_one_520_reply_and_the_session_stays_in_step()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            var error = await Assert.ThrowsAsync<AgiCommandException>(() => ch.SendRawAsync(new AgiCommand("STREAM FILE"), ct));
            Assert.Equal(520, error.Response.Code);
            Assert.Contains("Usage: STREAM FILE", error.Response.Text, StringComparison.Ordinal);
            await ch.SetVariableAsync("AFTER", "520", ct);
            Assert.Equal("520", await ch.GetVariableAsync("AFTER", ct));
        });
        await using var server = await TestServer.StartAsync(scripts);

        var result = await server.CallAsync(new SimCallOptions { Script = "test", UsageTextDelay = TimeSpan.FromMilliseconds(60) });

        await NoFailuresAsync(server);
        Assert.Equal(["STREAM FILE", "SET VARIABLE AFTER 520", "GET VARIABLE AFTER"], result.Commands);
    }

    [Fact]
    public async Task Hangup_line_before_a_reply_marks_the_call_hung_up_and_dead_mode_commands_still_work()
    {
        var hungUpFired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            ch.HungUp.Register(() => hungUpFired.TrySetResult());
            await ch.SetVariableAsync("A", "1", ct);
            Assert.True(ch.IsHungUp); // HANGUP came before the reply, in the same stream
            await hungUpFired.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.StreamFileAsync("welcome", "", 0, ct));
            await ch.VerboseAsync("cleanup", 1, ct);
            Assert.Null(await ch.GetVariableAsync("AGISTATUS", ct));
            await ch.NoopAsync(ct);
            Assert.Equal(0, await ch.ExecAsync("NoOp", "still-alive", ct));
        });
        await using var server = await TestServer.StartAsync(scripts);

        var result = await server.CallAsync(Call(), CallerScript.Create().HangUpAsNextCommandArrives());

        await NoFailuresAsync(server);
        Assert.Equal(["SET VARIABLE A 1", "VERBOSE \"cleanup\" 1", "GET VARIABLE AGISTATUS", "NOOP", "EXEC NoOp still-alive"], result.Commands);
        Assert.Equal("HANGUP", result.Transcript.First(l => l.Direction == SimDirection.ToApp && l.Text.Length > 0 && !l.Text.StartsWith("agi_", StringComparison.Ordinal)).Text);
        Assert.Equal(SimEndReason.AppClosedAfterHangup, result.EndReason);
    }

    [Fact]
    public async Task Without_sighup_a_minus_one_result_means_the_caller_hung_up()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.StreamFileAsync("custom/sim-long", "#", 0, ct));
            Assert.True(ch.IsHungUp);
            Assert.True(ch.HungUp.IsCancellationRequested);
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.WaitForDigitAsync(1000, ct));
            Assert.Null(await ch.GetVariableAsync("AGISTATUS", ct));
        });
        await using var server = await TestServer.StartAsync(scripts);

        var options = new SimCallOptions { Script = "test", AgiSigHup = false };
        var result = await server.CallAsync(options, CallerScript.Create().HangUpDuringNextCommand());

        await NoFailuresAsync(server);
        Assert.Equal(["ANSWER", "STREAM FILE custom/sim-long \"#\"", "GET VARIABLE AGISTATUS"], result.Commands);
        Assert.DoesNotContain(result.Transcript, l => l.Direction == SimDirection.ToApp && l.Text == "HANGUP");
    }

    [Fact]
    public async Task Without_sighup_a_511_reply_means_the_caller_hung_up()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.AnswerAsync(ct));
            Assert.True(ch.IsHungUp);
            await ch.NoopAsync(ct);
        });
        await using var server = await TestServer.StartAsync(scripts);

        var options = new SimCallOptions { Script = "test", AgiSigHup = false };
        var result = await server.CallAsync(options, CallerScript.Create().HangUp());

        await NoFailuresAsync(server);
        Assert.Equal(["ANSWER", "NOOP"], result.Commands);
        Assert.Contains(result.Transcript, l => l.Text.StartsWith("511 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exit_on_hangup_closes_the_socket_and_later_commands_fail_as_hung_up()
    {
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.StreamFileAsync("custom/sim-long", "#", 0, ct));
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.SetVariableAsync("AFTERHUP", "1", ct));
        });
        await using var server = await TestServer.StartAsync(scripts);

        var options = new SimCallOptions { Script = "test", AgiExitOnHangup = true };
        var result = await server.CallAsync(options, CallerScript.Create().HangUpDuringNextCommand());

        await NoFailuresAsync(server);
        Assert.Equal(SimEndReason.AsteriskClosed, result.EndReason);
        Assert.Equal(2, result.Transcript.Count(l => l.Direction == SimDirection.ToApp && l.Text == "HANGUP"));
    }

    [Fact]
    public async Task Hangup_while_the_app_is_idle_fires_the_hungup_token()
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new TestScripts().Add("test", async (ch, ct) =>
        {
            await ch.AnswerAsync(ct);
            ch.HungUp.Register(() => hungUp.TrySetResult());
            answered.SetResult();
            await hungUp.Task.WaitAsync(TimeSpan.FromSeconds(10), ct); // the handler is busy elsewhere; no command runs
            await Assert.ThrowsAsync<CallHungUpException>(() => ch.StreamFileAsync("digits/1", "", 0, ct));
        });
        await using var server = await TestServer.StartAsync(scripts);
        var call = new SimulatedCall(Call());

        var running = call.RunAsync(server.Endpoint);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await call.HangUpAsync();
        var result = await running;

        await NoFailuresAsync(server);
        Assert.Equal(["ANSWER"], result.Commands);
        Assert.Equal(SimEndReason.AppClosedAfterHangup, result.EndReason);
    }
}
