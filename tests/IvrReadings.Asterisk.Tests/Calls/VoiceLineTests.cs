using IvrReadings.Asterisk.Tests.Support;
using System.Text.RegularExpressions;
using IvrReadings.Domain;

namespace IvrReadings.Asterisk.Tests.Calls;

/// <summary>The voice line (rotary phones): the caller speaks after each beep; every answer is streamed to the server
/// (AudioSocket), ends on silence and is kept.</summary>
public sealed class VoiceLineTests(RuLine fixture) : IClassFixture<RuLine>
{
    /// <summary>The Russian core-sound digits: the account 1234567, then the reading 6116.</summary>
    private static readonly string[] Speech = ["digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7", "digits/6&digits/1&digits/1&digits/6"];

    [AsteriskFact]
    public async Task A_caller_who_speaks_is_recorded_answer_by_answer()
    {
        var call = await fixture.Line.CallAsync(Caller.Voice("79990005000").Says(Speech));

        Assert.Equal("done", call.IvrResult);
        var streams = call.AgiCommands.Where(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal)).ToList();
        Assert.True(streams.Count >= 2, call.Transcript());
        Assert.DoesNotContain(call.AgiCommands, c => c.StartsWith("RECORD FILE", StringComparison.Ordinal));
        var wavs = Directory.GetFiles(fixture.Line.Server.RecordingsDirectory, "*.wav", SearchOption.AllDirectories);
        Assert.True(wavs.Length >= 2, $"{wavs.Length} recordings");
        foreach (var wav in wavs)
        {
            // 8 kHz 16-bit mono: the speech is 3-5 s; a recording that missed the silence would run on to its 15 s maximum.
            var seconds = (new FileInfo(wav).Length - 44) / 16000.0;
            Assert.InRange(seconds, 1, 8);
        }
    }
}

/// <summary>
/// The voice line with Asterisk and the server sharing no directory (Asterisk's recordings directory does not even
/// exist): answers streamed over AudioSocket and ended by the server's own silence check where Asterisk's could not
/// (no frames after the speech), an answer with nothing in it taken as no answer, every answer kept in the database.
/// </summary>
public sealed class VoiceStreamTests(NoSharedDirectoryLine fixture) : IClassFixture<NoSharedDirectoryLine>
{
    [AsteriskFact]
    public async Task Answers_are_streamed_ended_by_the_servers_silence_check_and_kept_in_the_database()
    {
        // No model on the test server: the account answer is kept for staff and the caller asked for all readings at once.
        var caller = Caller.Voice("79990005100")
            .SaysThenSendsNothing("digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7")
            .WaitsForRobot().WaitsForQuiet(TimeSpan.FromMilliseconds(800)).StaysSilent(TimeSpan.FromSeconds(6)) // says nothing at all
            .Says("digits/5&digits/5");

        var call = await fixture.Line.CallAsync(caller);

        Assert.Equal("done", call.IvrResult);
        Assert.Equal(3, call.AgiCommands.Count(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal)));
        Assert.DoesNotContain(call.AgiCommands, c => c.StartsWith("RECORD FILE", StringComparison.Ordinal));
        Assert.False(Directory.Exists(NoSharedDirectoryLine.AsteriskDirectory));
        var server = fixture.Line.Server;
        var record = await server.EndedCallFromAsync(caller.CallerNumber);
        var recordings = await server.Store<IRecordingStore>().ForCallAsync(record.CallId, CancellationToken.None);
        Assert.Equal([("account", RecognitionStatus.Pending), ("readings", RecognitionStatus.NoAnswer), ("readings", RecognitionStatus.Pending)],
            recordings.Select(r => (r.Step, r.Status)));

        // The first answer ended 2 s after the speech although no frame carried that silence (RECORD FILE would have run
        // on to its 15 s maximum); the second, with nothing in it, after the 5 s to start speaking. The lines reach the
        // log file a moment after the call's record is in the database: waited for.
        const string silence = @"account-1""? streamed: ended by Silence", noAnswer = @"readings-2""? streamed: ended by NoAnswer";
        var log = await server.LogSinceAsync(0, text => Regex.IsMatch(text, silence) && Regex.IsMatch(text, noAnswer));
        Assert.Matches(silence, log);
        Assert.Matches(noAnswer, log);

        // Kept in the database: stores of their own (another server) read every answer back.
        var seconds = new List<double>();
        foreach (var recording in recordings)
        {
            var audio = await server.Store<IRecordingStore>().AudioAsync(recording.Id, CancellationToken.None);
            seconds.Add(IvrReadings.Audio.WavReader.Read(audio!.Bytes).Duration.TotalSeconds);
        }

        Assert.InRange(seconds[0], 2.5, 7);
        Assert.Equal(0, seconds[1]);
        Assert.InRange(seconds[2], 1, 4);
    }
}

/// <summary>A Russian line whose server is told Asterisk writes recordings into a directory it cannot see.</summary>
public sealed class NoSharedDirectoryLine : LineFixture
{
    public const string AsteriskDirectory = "/srv/asterisk-host/not-shared";

    protected override LineOptions Options => new("ru", ServerSettings: [$"--Recordings:AsteriskDirectory={AsteriskDirectory}"]);
}

/// <summary>A caller who keys nothing at the main menu (a pulse phone) is taken to the voice line on the same call.</summary>
public sealed class SilentMainMenuTests(RuLine fixture) : IClassFixture<RuLine>
{
    [AsteriskFact]
    public async Task Two_silent_main_menus_move_the_caller_to_the_voice_line()
    {
        var caller = Caller.Readings("79990006000")
            .StaysSilent(TimeSpan.FromSeconds(18)) // two main menus, each with its 3 s wait for a key
            .Says("digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7") // at the voice line's first beep
            .HangsUp();

        var call = await fixture.Line.CallAsync(caller);

        Assert.Equal(2, call.Prompts.Count(p => p == "main-menu"));
        Assert.Empty(call.Keys);
        // After the second main menu the same call goes on in the voice flow, which records the caller's answer.
        var commands = call.AgiCommands.ToList();
        var lastMenu = commands.FindLastIndex(c => c.StartsWith("GET DATA ivr-readings/main-menu", StringComparison.Ordinal));
        var record = commands.FindIndex(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal));
        Assert.True(lastMenu >= 0 && record > lastMenu, string.Join('\n', commands));
        Assert.Contains(call.Prompts, p => p.StartsWith("voice-", StringComparison.Ordinal));
    }
}
