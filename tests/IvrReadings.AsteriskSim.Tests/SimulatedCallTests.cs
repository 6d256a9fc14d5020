using System.Diagnostics;
using IvrReadings.AsteriskSim.Tests.Support;

namespace IvrReadings.AsteriskSim.Tests;

/// <summary>The fake Asterisk against a raw socket: each answer is compared with what Asterisk 22 sent in the
/// transcripts (tests/fixtures/agi-transcripts, named in each test).</summary>
public sealed class SimulatedCallTests
{
    private const string Dead = "511 Command Not Permitted on a dead channel or intercept routine";

    [Fact]
    public async Task Environment_block_has_the_observed_order_and_format()
    {
        var options = new SimCallOptions { Script = "readings", Query = "lang=ru", Arguments = ["env", "second arg", ""], UniqueId = "1795313187.95" };
        await using var app = await RawApp.ConnectAsync(options);

        Assert.Equal("agi_network: yes", app.Environment[0]);
        Assert.Equal("agi_network_script: readings?lang=ru", app.Environment[1]);
        Assert.Equal($"agi_request: agi://127.0.0.1:{app.Endpoint.Port}/readings?lang=ru", app.Environment[2]);
        Assert.StartsWith("agi_channel: ", app.Environment[3], StringComparison.Ordinal);
        Assert.Contains("agi_uniqueid: 1795313187.95", app.Environment);
        Assert.Contains("agi_accountcode: ", app.Environment); // empty value keeps its space (01-env)
        Assert.Equal(["agi_arg_1: env", "agi_arg_2: second arg", "agi_arg_3: "], app.Environment[^3..]);
    }

    [Fact]
    public async Task Errors_case_and_crlf_like_29_errors()
    {
        await using var app = await RawApp.ConnectAsync();

        Assert.Equal("200 result=0", await app.CommandAsync("ANSWER"));
        Assert.Equal("510 Invalid or unknown command", await app.CommandAsync("FOO BAR"));
        Assert.Equal("200 result=0", await app.CommandAsync("answer"));
        Assert.Equal("200 result=0 endpos=4800", await app.CommandAsync("Stream File digits/1 \"\""));
        Assert.Equal("510 Invalid or unknown command", await app.CommandAsync(""));
        Assert.Equal("510 Invalid or unknown command", await app.CommandAsync("NOOP\r"));
        Assert.Equal("510 Invalid or unknown command", await app.CommandAsync("ANSWER\r"));
        Assert.Equal("200 result=1", await app.CommandAsync("VERBOSE \"crlf test\" 1\r"));
        Assert.Equal("200 result=0", await app.CommandAsync("   NOOP"));
        var result = await app.CloseAsync();
        Assert.Equal("VERBOSE \"crlf test\" 1\r", result.Commands[^2]); // the CR is kept
    }

    [Fact]
    public async Task A_520_usage_block_comes_in_two_writes()
    {
        // The test holds the second write back: the first is seen alone, with nothing after it (before: the rest had to
        // come 500 ms after the first line by the test's clock, which a loaded machine that read the first line late
        // missed: "usage text came after 50 ms" with an 80 ms gap, once in clean-clone CI).
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await RawApp.ConnectAsync(new SimCallOptions { UsageTextHeldUntil = rest.Task });

        Assert.Equal("520-Invalid command syntax.  Proper usage follows:", await app.CommandAsync("STREAM FILE"));
        Assert.Equal(0, app.Unread);
        rest.SetResult();
        string? line;
        var usage = new List<string>();
        while ((line = await app.ReadLineAsync()) != "520 End of proper usage.")
        {
            Assert.NotNull(line);
            Assert.False(line.StartsWith("520 ", StringComparison.Ordinal));
            usage.Add(line);
        }

        Assert.NotEmpty(usage);
        Assert.Equal("520-Invalid command syntax.  Proper usage follows:", await app.CommandAsync("SAY NUMBER abc \"\""));
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_one_behind_like_29_errors()
    {
        await using var app = await RawApp.ConnectAsync();

        await app.SendAsync("NOOP first\nNOOP second\n");
        Assert.Equal("200 result=0", await app.ReadLineAsync());
        Assert.True(await app.SilentForAsync(TimeSpan.FromMilliseconds(300)), "the second answer must wait for more bytes");

        await app.SendAsync("HANGUP\n");
        Assert.Equal("200 result=0", await app.ReadLineAsync()); // NOOP second
        Assert.Equal("200 result=1", await app.ReadLineAsync()); // HANGUP
        Assert.Equal("HANGUP", await app.ReadLineAsync());
    }

    [Fact]
    public async Task Dead_mode_answers_like_30_hangup_mid()
    {
        await using var app = await RawApp.ConnectAsync(caller: CallerScript.Create().HangUpDuringNextCommand());

        Assert.Equal("200 result=0", await app.CommandAsync("ANSWER"));
        Assert.Equal("200 result=-1 endpos=8000", await app.CommandAsync("STREAM FILE custom/sim-long \"#\""));
        Assert.Equal("HANGUP", await app.ReadLineAsync());
        Assert.Equal("200 result=0", await app.CommandAsync("GET VARIABLE AGISTATUS"));
        Assert.Equal("200 result=1", await app.CommandAsync("VERBOSE \"after hangup\" 1"));
        foreach (var refused in new[] { "CHANNEL STATUS", "STREAM FILE digits/1 \"\"", "ANSWER", "GET DATA beep 1000 1", "WAIT FOR DIGIT 1000", "HANGUP" })
        {
            Assert.Equal(Dead, await app.CommandAsync(refused));
        }

        Assert.Equal("200 result=1", await app.CommandAsync("SET VARIABLE AFTERHUP 1"));
        Assert.Equal("200 result=0", await app.CommandAsync("EXEC Playback digits/1"));
        Assert.Equal("200 result=0", await app.CommandAsync("EXEC NoOp still-alive"));
        Assert.Equal("200 result=0", await app.CommandAsync("NOOP"));
        var result = await app.CloseAsync();
        Assert.Equal(SimEndReason.AppClosedAfterHangup, result.EndReason);
    }

    [Fact]
    public async Task Without_sighup_there_is_no_hangup_line_like_31()
    {
        await using var app = await RawApp.ConnectAsync(new SimCallOptions { AgiSigHup = false }, CallerScript.Create().HangUpDuringNextCommand());

        Assert.Equal("200 result=-1 endpos=8000", await app.CommandAsync("STREAM FILE custom/sim-long \"#\""));
        Assert.Equal(Dead, await app.CommandAsync("CHANNEL STATUS"));
        Assert.Equal("200 result=0", await app.CommandAsync("NOOP"));
        Assert.True(await app.SilentForAsync(TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public async Task Exit_on_hangup_sends_two_hangup_lines_and_closes_like_32()
    {
        await using var app = await RawApp.ConnectAsync(new SimCallOptions { AgiExitOnHangup = true }, CallerScript.Create().HangUpDuringNextCommand());

        Assert.Equal("200 result=-1 endpos=8000", await app.CommandAsync("STREAM FILE custom/sim-long \"#\""));
        Assert.Equal("HANGUP", await app.ReadLineAsync());
        Assert.Equal("HANGUP", await app.ReadLineAsync());
        Assert.Null(await app.ReadLineAsync());
        Assert.Equal(SimEndReason.AsteriskClosed, (await app.Call!).EndReason);
    }

    [Fact]
    public async Task App_hangup_is_confirmed_then_the_line_follows_like_35()
    {
        await using var app = await RawApp.ConnectAsync();

        Assert.Equal("200 result=1", await app.CommandAsync("HANGUP"));
        Assert.Equal("HANGUP", await app.ReadLineAsync());
        Assert.Equal("200 result=0", await app.CommandAsync("NOOP"));
        Assert.Equal(Dead, await app.CommandAsync("STREAM FILE digits/1 \"\""));
        Assert.Equal("200 result=0", await app.CommandAsync("GET VARIABLE AGISTATUS"));
    }

    [Fact]
    public async Task Hangup_of_another_channel_and_channel_status_like_06_and_36()
    {
        var options = new SimCallOptions { Channel = "Local/x@ivr-00000036;2" };
        await using var app = await RawApp.ConnectAsync(options);

        Assert.Equal("200 result=4", await app.CommandAsync("CHANNEL STATUS"));
        Assert.Equal("200 result=0", await app.CommandAsync("ANSWER"));
        Assert.Equal("200 result=6", await app.CommandAsync("CHANNEL STATUS"));
        Assert.Equal("200 result=6", await app.CommandAsync("CHANNEL STATUS Local/x@ivr-00000036;1"));
        Assert.Equal("200 result=-1", await app.CommandAsync("CHANNEL STATUS Local/nonexistent@ivr-00000000;2"));
        Assert.Equal("200 result=-1", await app.CommandAsync("HANGUP Local/nonexistent@x-00000000;1"));
        Assert.Equal("200 result=1", await app.CommandAsync("HANGUP Local/x@ivr-00000036;1"));
        Assert.Equal("HANGUP", await app.ReadLineAsync());
    }

    [Fact]
    public async Task Half_closing_app_sees_the_trailing_hangup_and_eof_like_38()
    {
        await using var app = await RawApp.ConnectAsync();

        Assert.Equal("200 result=0", await app.CommandAsync("ANSWER"));
        app.ShutdownSend();
        Assert.Equal("HANGUP", await app.ReadLineAsync());
        Assert.Equal(SimEndReason.AppClosed, (await app.Call!).EndReason);
    }

    [Fact]
    public async Task Typed_ahead_keys_carry_over_and_idle_keys_are_lost()
    {
        var caller = CallerScript.Create().Press("1234567#").PressWhileIdle("5").StaySilent();
        await using var app = await RawApp.ConnectAsync(caller: caller);

        // '1' stops the prompt; "234567#" is still typed ahead when GET DATA starts.
        Assert.Equal("200 result=49 endpos=6400", await app.CommandAsync("STREAM FILE welcome \"0123456789#\""));
        Assert.Equal("200 result=234567", await app.CommandAsync("GET DATA beep 3000 10"));
        Assert.Equal("200 result=0", await app.CommandAsync("WAIT FOR DIGIT 1500")); // the idle '5' was lost (16-dtmf-between)
        Assert.Equal("200 result=0", await app.CommandAsync("WAIT FOR DIGIT 1500")); // queue empty: silence
    }

    [Fact]
    public async Task Get_data_results_like_09_to_13()
    {
        var caller = CallerScript.Create().Press("123#").Press("4567").Press("12").StaySilent().Press("9876");
        await using var app = await RawApp.ConnectAsync(caller: caller);

        Assert.Equal("200 result=123", await app.CommandAsync("GET DATA beep 5000 10"));
        Assert.Equal("200 result=4567", await app.CommandAsync("GET DATA beep 5000 4"));
        Assert.Equal("200 result=12 (timeout)", await app.CommandAsync("GET DATA beep 3000 4"));
        Assert.Equal("200 result= (timeout)", await app.CommandAsync("GET DATA beep 2000 4"));
        Assert.Equal("200 result=-1", await app.CommandAsync("GET DATA no-such-file-xyz 1000 4"));
        Assert.Equal("200 result=9876", await app.CommandAsync("GET DATA custom/sim-long 3000 4"));
        Assert.Equal("520-Invalid command syntax.  Proper usage follows:", await app.CommandAsync("GET DATA"));
    }

    [Fact]
    public async Task Say_and_wait_like_14_17_19()
    {
        var observer = new PlayedFiles();
        var caller = CallerScript.Create().Press("7").StaySilent().Press("*").Press("3");
        await using var app = await RawApp.ConnectAsync(new SimCallOptions { Observer = observer }, caller);

        Assert.Equal("200 result=55", await app.CommandAsync("WAIT FOR DIGIT 5000"));
        Assert.Equal("200 result=0", await app.CommandAsync("WAIT FOR DIGIT 1500"));
        Assert.Equal("200 result=42", await app.CommandAsync("WAIT FOR DIGIT -1"));
        Assert.Equal("200 result=0", await app.CommandAsync("SAY DIGITS 123 \"\""));
        Assert.Equal("200 result=51", await app.CommandAsync("SAY NUMBER 123456789 \"0123456789*#\""));
        Assert.Equal("520-Invalid command syntax.  Proper usage follows:", await app.CommandAsync("SAY NUMBER 5"));
        Assert.Equal(["digits/1", "digits/2", "digits/3", "digits/1"], observer.Files);
    }

    [Fact]
    public async Task Variables_and_exec_like_26_and_27()
    {
        await using var app = await RawApp.ConnectAsync();

        Assert.Equal("200 result=1", await app.CommandAsync("SET VARIABLE MYVAR \"hello world\""));
        Assert.Equal("200 result=1 (hello world)", await app.CommandAsync("GET VARIABLE MYVAR"));
        Assert.Equal("200 result=0", await app.CommandAsync("GET VARIABLE NOSUCHVAR"));
        Assert.Equal("200 result=1 (hello world-79161234567)", await app.CommandAsync("GET FULL VARIABLE \"${MYVAR}-${CALLERID(num)}\""));
        Assert.Equal("200 result=1 ()", await app.CommandAsync("GET FULL VARIABLE ${NOSUCHVAR}"));
        Assert.Equal("200 result=1 (en)", await app.CommandAsync("GET FULL VARIABLE ${CHANNEL(language)}"));
        Assert.Equal("200 result=1", await app.CommandAsync("SET VARIABLE CHANNEL(language) ru"));
        Assert.Equal("200 result=1 (ru)", await app.CommandAsync("GET VARIABLE CHANNEL(language)"));
        Assert.Equal("200 result=1", await app.CommandAsync("SET VARIABLE Q \"a \\\"quoted\\\" value\""));
        Assert.Equal("200 result=1 (a \"quoted\" value)", await app.CommandAsync("GET VARIABLE Q"));
        Assert.Equal("200 result=1", await app.CommandAsync("SET VARIABLE UTF8 \"Показания счётчика\""));
        Assert.Equal("200 result=1 (Показания счётчика)", await app.CommandAsync("GET VARIABLE UTF8"));
        Assert.Equal("520-Invalid command syntax.  Proper usage follows:", await app.CommandAsync("SET VARIABLE X a b"));
        while (await app.ReadLineAsync() != "520 End of proper usage.")
        {
        }

        Assert.Equal("200 result=0", await app.CommandAsync("EXEC Playback digits/5"));
        Assert.Equal("200 result=1 (SUCCESS)", await app.CommandAsync("GET VARIABLE PLAYBACKSTATUS"));
        Assert.Equal("200 result=0", await app.CommandAsync("EXEC Playback no-such-file-xyz"));
        Assert.Equal("200 result=1 (FAILED)", await app.CommandAsync("GET VARIABLE PLAYBACKSTATUS"));
        Assert.Equal("200 result=-2", await app.CommandAsync("EXEC NoSuchApplication foo"));
        Assert.Equal("200 result=0", await app.CommandAsync("EXEC Set \"FOO=bar baz\""));
        Assert.Equal("200 result=1 (bar baz)", await app.CommandAsync("GET VARIABLE FOO"));
        Assert.Equal("200 result=0", await app.CommandAsync("SET MUSIC on default"));
        Assert.Equal("200 result=-1", await app.CommandAsync("EXEC Hangup"));
        Assert.Equal("HANGUP", await app.ReadLineAsync());
        Assert.Equal("200 result=0", await app.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Record_file_writes_a_real_wav_like_21_to_25()
    {
        var directory = Directory.CreateTempSubdirectory("sim-rec-");
        try
        {
            var options = new SimCallOptions { SoundsDirectory = directory.FullName };
            var caller = CallerScript.Create().SayTone(2).Press("#").StaySilent().SayTone(1).HangUpDuringNextCommand();
            await using var app = await RawApp.ConnectAsync(options, caller);
            var path = Path.Combine(directory.FullName, "rec");

            Assert.Equal("200 result=35 (dtmf) endpos=16000", await app.CommandAsync($"RECORD FILE {path} wav \"#\" 20000"));
            Assert.Equal("200 result=1 (timeout) endpos=8000", await app.CommandAsync("RECORD FILE relative gsm \"#\" 1000"));
            Assert.Equal("200 result=-1 (writefile)", await app.CommandAsync("RECORD FILE /nonexistent-dir/x wav \"#\" 1000"));
            Assert.Equal("200 result=-1 (writefile)", await app.CommandAsync($"RECORD FILE {path}-bad nosuchformat \"#\" 1000"));
            Assert.Equal("200 result=-1 (hangup) endpos=8000", await app.CommandAsync($"RECORD FILE {path}-hup wav \"#\" 20000 0 BEEP s=5"));
            Assert.Equal("HANGUP", await app.ReadLineAsync());

            var wav = await File.ReadAllBytesAsync(path + ".wav");
            Assert.Equal(44 + 32000, wav.Length);
            Assert.Equal(8000, BitConverter.ToInt32(wav, 24)); // sample rate
            Assert.Equal(16, BitConverter.ToInt16(wav, 34)); // bits per sample
            Assert.Equal(1, BitConverter.ToInt16(wav, 22)); // mono
            Assert.Equal(32000, WavFile.ReadPcm(path + ".wav").Length);
            Assert.True(File.Exists(Path.Combine(directory.FullName, "relative.gsm")));
            var result = await app.CloseAsync();
            Assert.Equal([path + ".wav", Path.Combine(directory.FullName, "relative.gsm"), path + "-hup.wav"], result.Recordings);
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public async Task Real_time_mode_takes_the_prompt_duration()
    {
        var options = new SimCallOptions { RealTime = true, PromptDuration = _ => TimeSpan.FromMilliseconds(150) };
        await using var app = await RawApp.ConnectAsync(options);

        var clock = Stopwatch.StartNew();
        Assert.Equal("200 result=0 endpos=1200", await app.CommandAsync("STREAM FILE welcome \"\""));
        Assert.True(clock.ElapsedMilliseconds >= 140, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Keys_enqueued_while_the_call_runs_reach_a_waiting_command()
    {
        var call = new SimulatedCall(new SimCallOptions { RealTime = true });
        await using var app = await RawApp.ConnectAsync(call: call);

        await app.SendAsync("WAIT FOR DIGIT -1\n");
        Assert.True(await app.SilentForAsync(TimeSpan.FromMilliseconds(100))); // waits for the caller
        call.Enqueue(new CallerAction.Press("9"));
        Assert.Equal("200 result=57", await app.ReadLineAsync());

        await app.SendAsync("GET DATA beep 2000 5\n");
        call.Enqueue(new CallerAction.Press("12"));
        Assert.True(await app.SilentForAsync(TimeSpan.FromMilliseconds(100))); // still within the inter-digit timeout
        call.Enqueue(new CallerAction.Press("3#"));
        Assert.Equal("200 result=123", await app.ReadLineAsync());
    }

    [Fact]
    public async Task Keys_typed_while_the_get_data_prompt_plays_are_its_input()
    {
        var playing = new PlayStarted();
        var call = new SimulatedCall(new SimCallOptions
        {
            RealTime = true,
            PromptDuration = _ => TimeSpan.FromMilliseconds(300),
            Observer = playing,
        });
        await using var app = await RawApp.ConnectAsync(call: call);

        await app.SendAsync("GET DATA beep 5000 5\n");
        await playing.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        call.Enqueue(new CallerAction.Press("12"));
        call.Enqueue(new CallerAction.Press("3#"));

        // Both bursts came while the prompt played: none of them waits for the 5 s timeout.
        Assert.Equal("200 result=123", await app.ReadLineAsync());
    }

    [Fact]
    public void Arguments_split_like_asterisk()
    {
        Assert.Equal(["SET", "VARIABLE", "Q", "a \"quoted\" value"], AgiArgumentSplitter.Split("SET VARIABLE Q \"a \\\"quoted\\\" value\""));
        Assert.Equal(["STREAM", "FILE", "x", ""], AgiArgumentSplitter.Split("STREAM FILE x \"\""));
        Assert.Equal(["NOOP\r"], AgiArgumentSplitter.Split("  NOOP\r"));
    }

    private sealed class PlayStarted : ISimCallObserver
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnPlay(SimulatedCall call, string file, TimeSpan duration) => Started.TrySetResult();
    }

    private sealed class PlayedFiles : ISimCallObserver
    {
        public List<string> Files { get; } = [];

        public void OnPlay(SimulatedCall call, string file, TimeSpan duration) => Files.Add(file);
    }
}
