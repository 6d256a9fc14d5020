using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using IvrReadings.Asterisk.Tests.Support;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>
/// The voice line when Asterisk cannot reach the server's AudioSocket listener (a firewall, a wrong
/// <c>Voice:AudioSocketAddress</c>): app_audiosocket's connection is refused, and the answer falls back to RECORD FILE
/// into the directory Asterisk shares with the server (one host here). What Asterisk does with the refused stream (the
/// EXEC's result, whether the channel and the AGI go on) only the real Asterisk shows.
/// </summary>
public sealed class StreamFallbackTests(UnreachableStreamLine fixture) : IClassFixture<UnreachableStreamLine>
{
    [AsteriskFact]
    public async Task A_refused_stream_falls_back_to_record_file_the_answer_is_kept_and_the_call_goes_on()
    {
        // Says sends 4 s of silence frames after the speech: RECORD FILE's silence detection counts only silence that
        // arrives in frames, so this answer ends 2 s after the speech, not at the 15 s maximum. Once the next question
        // has started (the call went on after the fallback) the caller hangs up: the shortest call that shows it.
        var caller = Caller.Voice("79990005200")
            .Says("digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7")
            .WaitsForRobot()
            .HangsUp()
            // app_audiosocket logs its refused connection as an ERROR ("Failed to connect to AudioSocket service"):
            // allowed here, and below every other problem line still fails the test.
            .AllowingAsteriskProblems()
            .WithinAtMost(TimeSpan.FromSeconds(60));
        var server = fixture.Line.Server;
        var logFrom = (await server.ReadLogAsync()).Length;

        var call = await fixture.Line.CallAsync(caller);

        // The stream was tried, refused, and the same answer (account-1) recorded by Asterisk instead.
        var commands = call.AgiCommands.ToList();
        var stream = commands.FindIndex(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal));
        var record = commands.FindIndex(c => c.StartsWith("RECORD FILE", StringComparison.Ordinal));
        Assert.True(stream >= 0 && record > stream, call.Transcript());
        Assert.Contains(fixture.Address, commands[stream], StringComparison.Ordinal);
        Assert.Matches(@"/account-1 wav ", commands[record]);
        // What Asterisk 22 does with the refused connection: EXEC answers -1 at once, the channel stays up and the
        // AGI goes on. Its one complaint is app_audiosocket's own ERROR line.
        var lines = call.Lines.ToList();
        Assert.Contains("AGI Tx >> 200 result=-1", Exchange(lines, "EXEC AudioSocket").Reply, StringComparison.Ordinal);
        Assert.Contains("res_audiosocket.c: Failed to connect to AudioSocket service", Assert.Single(call.Problems), StringComparison.Ordinal);

        // Ended by silence, not at the 15 s maximum: timed on Asterisk's clock, the only witness. A recording that ran to
        // its maximum on a phone that stops sending frames holds just the frames that came, so its audio looks plausible
        // (the test below).
        var (recordedAt, recorded) = Exchange(lines, "RECORD FILE");
        Assert.InRange((CallResult.TimeOf(recorded) - CallResult.TimeOf(lines[recordedAt])).TotalSeconds, 3, 11);

        // The call went on: the next prompt played after the recording, and the AGI was still running when the caller
        // hung up (AGISTATUS=HANGUP, not a script that ended or failed).
        Assert.Contains(lines.Skip(recordedAt), l => l.Contains(";2>", StringComparison.Ordinal) && Regex.IsMatch(l, @"Playing 'ivr-readings/voice-"));
        Assert.Equal("HANGUP", call.AgiStatus);

        // Kept: the file Asterisk wrote in the server's recordings directory, and its copy in the database.
        var ended = await server.EndedCallFromAsync(caller.CallerNumber);
        var recordings = await server.Store<IRecordingStore>().ForCallAsync(ended.CallId, CancellationToken.None);
        var account = Assert.Single(recordings, r => r.Step == "account");
        Assert.Equal(RecognitionStatus.Pending, account.Status);
        var audio = await server.Store<IRecordingStore>().AudioAsync(account.Id, CancellationToken.None);
        Assert.NotNull(audio);
        var seconds = IvrReadings.Audio.WavReader.Read(audio.Bytes).Duration.TotalSeconds;
        // The seven digits are about 3.5 s; Asterisk cuts the silence that ended the recording.
        Assert.InRange(seconds, 2.5, 8);
        Assert.Single(Directory.GetFiles(server.RecordingsDirectory, "account-1.wav", SearchOption.AllDirectories));

        // The server said why (a warning naming the address and the EXEC's result), and logged nothing worse (Serilog's
        // levels: "18:14:17.412 WRN <call> ..."). The log reaches its file a moment after the call's record: waited for.
        var warning = $"WRN {ended.CallId} Call {ended.CallId}: Asterisk did not stream to AudioSocket {fixture.Address} (EXEC result -1";
        var log = await server.LogSinceAsync(logFrom, text => text.Contains(warning, StringComparison.Ordinal) && text.Contains("Call ended: hangup", StringComparison.Ordinal));
        Assert.Contains(warning, log, StringComparison.Ordinal);
        Assert.Contains($"{ended.CallId}/account-1 ended by Silence", log, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\S+ (ERR|FTL) ", log);
    }

    [AsteriskFact]
    public async Task A_phone_that_stops_sending_frames_runs_the_recording_to_its_limit_and_the_log_says_so()
    {
        // With no frame after the speech Asterisk's silence detection has nothing to count: RECORD FILE runs to its 15 s
        // limit and answers "result=0 (timeout)" with the end position of the frames that came, which alone would pass
        // for an end by silence. The server tells the two apart by that result.
        var caller = Caller.Voice("79990005201")
            .SaysThenSendsNothing("digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7")
            .WaitsForRobot()
            .HangsUp()
            .AllowingAsteriskProblems() // app_audiosocket's ERROR line, as above
            .WithinAtMost(TimeSpan.FromSeconds(75));
        var server = fixture.Line.Server;
        var logFrom = (await server.ReadLogAsync()).Length;

        var call = await fixture.Line.CallAsync(caller);

        var lines = call.Lines.ToList();
        var (recordedAt, recorded) = Exchange(lines, "RECORD FILE");
        Assert.Contains("200 result=0 (timeout)", recorded, StringComparison.Ordinal);
        Assert.InRange((CallResult.TimeOf(recorded) - CallResult.TimeOf(lines[recordedAt])).TotalSeconds, 14.5, 18);
        var ended = await server.EndedCallFromAsync(caller.CallerNumber);
        var logged = $"{ended.CallId}/account-1 ended by MaxLength";
        var log = await server.LogSinceAsync(logFrom, text => text.Contains(logged, StringComparison.Ordinal));
        Assert.Contains(logged, log, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\S+ (ERR|FTL) ", log);
    }

    /// <summary>Where Asterisk's log shows it received <paramref name="command"/> (the first time) and its reply to it.</summary>
    private static (int At, string Reply) Exchange(List<string> lines, string command)
    {
        var at = lines.FindIndex(l => l.Contains("AGI Rx << " + command, StringComparison.Ordinal));
        Assert.True(at >= 0, $"Asterisk never received {command}:\n{string.Join('\n', lines)}");
        return (at, lines.Skip(at).First(l => l.Contains("AGI Tx >> ", StringComparison.Ordinal)));
    }
}

/// <summary>A Russian line whose server tells Asterisk to stream answers to a port nothing listens on.</summary>
public sealed class UnreachableStreamLine : LineFixture, IDisposable
{
    // Bound but never listening, for the line's whole life: a connection to it is refused, and no other test's
    // free-port pick can be handed it meanwhile (a fixed number could collide with one).
    private readonly Socket _closed = BindWithoutListening();

    public string Address => _closed.LocalEndPoint!.ToString()!;

    protected override LineOptions Options => new("ru", ServerSettings: [$"--Voice:AudioSocketAddress={Address}"]);

    public void Dispose() => _closed.Dispose();

    private static Socket BindWithoutListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
