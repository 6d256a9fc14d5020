using IvrReadings.AsteriskSim;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using static IvrReadings.Testing.FakeSpeechRecognizer;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// How the caller's answers reach the server: streamed by Asterisk over AudioSocket (the default: no shared directory,
/// the server ends each answer on its own silence check) or recorded by Asterisk with RECORD FILE into a shared
/// directory. Either way every answer is kept in the database too, so any server recognizes and plays it.
/// </summary>
public abstract class AnswerCaptureTests
{
    /// <summary><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    protected abstract string Provider { get; }

    private const string Account = "один два три четыре пять шесть семь";

    private static VoiceServer HearsStandardFlat(VoiceServer server) => VoiceEndToEndTests.HearsFlat(server,
        Account, "да", "шесть тысяч сто шестнадцать", "да", "две тысячи сто", "да", "сто десять", "да", "шестьдесят", "да");

    /// <summary>Asterisk on another host: its recordings directory does not exist here and is shared with nobody.</summary>
    private static readonly Dictionary<string, string?> NoSharedDirectory = new() { ["Recordings:AsteriskDirectory"] = "/srv/asterisk-host/not-shared" };

    [Fact]
    public async Task Asterisk_streams_each_answer_to_the_server_which_keeps_it_without_any_shared_directory()
    {
        await using var server = HearsStandardFlat(await VoiceServer.StartAsync(Provider, settings: NoSharedDirectory));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        var callId = await server.CallIdAsync(options);
        Assert.Equal(4, (await server.Readings.ForCallAsync(callId, CancellationToken.None)).Count);
        Assert.DoesNotContain(result.Commands, c => c.StartsWith("RECORD FILE", StringComparison.Ordinal));
        Assert.Empty(result.Recordings); // Asterisk wrote no file anywhere

        // After the beep, one stream per answer, to this server's AudioSocket listener, each with its own id.
        var streams = result.Commands.Where(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, streams.Count);
        Assert.All(streams, s => Assert.Matches(@"EXEC AudioSocket ""?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},127\.0\.0\.1:\d+", s));
        Assert.Equal(10, streams.Distinct().Count());
        var commands = result.Commands.ToList();
        Assert.Equal("STREAM FILE beep \"\"", commands[commands.IndexOf(streams[0]) - 1]);

        var recordings = await server.Recordings.ForCallAsync(callId, CancellationToken.None);
        Assert.All(recordings, r => Assert.True(r.AudioInDatabase, r.FilePath));
        var first = await server.Recordings.AudioAsync(recordings[0].Id, CancellationToken.None);
        var audio = Audio.WavReader.Read(first!.Bytes);
        // 0.5 s of speech and the 2 s of silence that ended it; what the phone sent after that is not the answer.
        Assert.Equal(2.5, audio.Duration.TotalSeconds, 1);
        Assert.Equal(first.Bytes, await File.ReadAllBytesAsync(Path.Combine(server.RecordingsDirectory, recordings[0].FilePath)));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task With_record_file_asterisk_records_into_the_shared_directory_and_the_answer_is_kept_in_the_database_too()
    {
        await using var server = HearsStandardFlat(await VoiceServer.StartAsync(Provider, settings: VoiceServer.RecordFile));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        Assert.DoesNotContain(result.Commands, c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal));
        var record = Assert.Single(result.Commands, c => c.StartsWith("RECORD FILE", StringComparison.Ordinal) && c.Contains("/account-1 ", StringComparison.Ordinal));
        Assert.Contains(" wav ", record, StringComparison.Ordinal);
        Assert.Contains(" 15000 0 BEEP s=2", record, StringComparison.Ordinal);
        Assert.Contains(server.RecordingsDirectory, record, StringComparison.Ordinal);
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(10, recordings.Count);
        Assert.All(recordings, r => Assert.True(r.AudioInDatabase && File.Exists(Path.Combine(server.RecordingsDirectory, r.FilePath)), r.FilePath));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task A_phone_that_sends_no_frames_is_no_answer_by_the_servers_own_clock()
    {
        // Asterisk's silence detection cannot end a recording that gets no frames; the server's check can.
        await using var server = await VoiceServer.StartAsync(Provider, settings: new Dictionary<string, string?> { ["Voice:NoAnswerSeconds"] = "1" });
        var options = VoiceServer.Voice();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await server.CallAsync(CallerScript.Create().SendNoAudio().SendNoAudio(), options);

        Assert.Null(result.Error);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(12), $"{started.Elapsed}: waited for the 15 s maximum");
        Assert.Equal("operator", result.Variables["IVR_RESULT"]);
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal([RecognitionStatus.NoAnswer, RecognitionStatus.NoAnswer], recordings.Select(r => r.Status));
        Assert.Empty(server.Recognizer.Requests);
        Assert.Equal(0, await server.Recordings.QueueLengthAsync(CancellationToken.None));
        Assert.Equal(0, await server.Reviews.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task When_asterisk_cannot_reach_the_stream_the_answer_is_recorded_with_record_file()
    {
        // A firewall, or an Asterisk without app_audiosocket: the call goes on the old way (one host or a share).
        await using var server = HearsStandardFlat(await VoiceServer.StartAsync(Provider, settings: new Dictionary<string, string?> { ["Voice:AudioSocketAddress"] = "127.0.0.1:1" }));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        Assert.Equal(10, result.Commands.Count(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal) && c.Contains(",127.0.0.1:1", StringComparison.Ordinal)));
        Assert.Equal(10, result.Commands.Count(c => c.StartsWith("RECORD FILE", StringComparison.Ordinal)));
        Assert.Equal(4, (await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None)).Count);
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("did not stream to AudioSocket 127.0.0.1:1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hangup_mid_answer_keeps_what_was_said_for_staff()
    {
        // A long silence to end an answer: a server stalled for seconds on a loaded machine still sees the hangup first.
        await using var server = HearsStandardFlat(await VoiceServer.StartAsync(Provider, settings: new Dictionary<string, string?> { ["Voice:SilenceSeconds"] = "10" }));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(3).HangUp(), options);

        Assert.Null(result.Error);
        Assert.True(result.HungUp);
        var callId = await server.CallIdAsync(options);
        var recordings = await server.Recordings.ForCallAsync(callId, CancellationToken.None);
        var last = recordings[^1];
        Assert.Equal((VoiceFlow.ReadingStep, RecognitionStatus.Pending), (last.Step, last.Status));
        Assert.True(last.AudioInDatabase);
        Assert.True(await server.Recordings.QueueLengthAsync(CancellationToken.None) >= 1);
        Assert.Equal(CallOutcome.NeedsReview, (await server.CallLog.WaitForEndAsync(callId)).Outcome);
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }
}

public sealed class SqliteAnswerCaptureTests : AnswerCaptureTests
{
    protected override string Provider => TestDatabase.Sqlite;
}

public sealed class PostgresAnswerCaptureTests : AnswerCaptureTests, INeedsPostgres
{
    protected override string Provider => TestDatabase.Postgres;
}
