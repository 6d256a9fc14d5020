using IvrReadings.Audio;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.Storage;
using Microsoft.Extensions.DependencyInjection;
using static IvrReadings.Testing.FakeSpeechRecognizer;

namespace IvrReadings.CallFlow.Tests.Voice.RealAsterisk;

/// <summary>
/// The voice line on the real Asterisk 22 pack with the shipped dialplan, unchanged but for its AGI URL, and the
/// server's recordings directory shared with nobody: Asterisk's recordings directory does not even exist. Every
/// answer is streamed over AudioSocket; the server ends answers on its own silence check where Asterisk's could not
/// (a Local channel that stops playing sends no frames at all), treats an answer with no frames as no answer, and
/// keeps every answer in the database, where another server reads it.
/// </summary>
public sealed class AudioSocketOnRealAsteriskTests
{
    private const string Callers = """

        [vt-in]
        exten => _X.,1,Set(CALLERID(num)=${EXTEN})
         same => n,Goto(ivr-readings-voice,s,1)

        ; Speaks ARG1 once the robot has been quiet for 800 ms (after the beep), then plays nothing: no frames at all.
        [vt-say]
        exten => s,1,WaitForSilence(800,1,40)
         same => n,Verbose(1,VT says ${ARG1})
         same => n,Playback(${ARG1})
         same => n,Verbose(1,VT said ${ARG1})
         same => n,Return()

        [vt-caller]
        exten => call,1,Set(CHANNEL(language)=ru)
         same => n,WaitForNoise(200,1,10)
         same => n,Gosub(vt-say,s,1(digits/1&digits/2&digits/3&digits/4&digits/5&digits/6&digits/7))
         same => n,WaitForNoise(200,1,20)
         same => n,WaitForSilence(800,1,40)
         same => n,Verbose(1,VT says nothing)
         same => n,WaitForNoise(200,1,20)
         same => n,Gosub(vt-say,s,1(digits/7&digits/7&digits/7))
         same => n,WaitForNoise(200,1,20)
         same => n,Gosub(vt-say,s,1(digits/5&digits/5))
         same => n,Wait(30)
         same => n,Hangup()
        exten => h,1,Verbose(1,VT caller hung up)

        """;

    [AsteriskPackFact]
    public async Task Answers_are_streamed_ended_by_the_servers_silence_check_and_kept_in_the_database_without_a_shared_directory()
    {
        var directory = LoopbackHost.NewDirectory("ivr-voice-asterisk");
        await using var server = await VoiceServer.StartAsync(directory: directory, settings: new Dictionary<string, string?>
        {
            ["Recordings:AsteriskDirectory"] = "/srv/asterisk-host/not-shared",
        });
        server.Hears("account-1.wav", Json("семь семь семь семь семь семь семь", 0.95))
            .Hears("account-3.wav", Json("семь семь семь", 0.95));
        await using var asterisk = await AsteriskPack.StartAsync(server.Endpoint.Port, Callers);

        await asterisk.CallAsync("79990007000", "vt-in", "call@vt-caller", TimeSpan.FromSeconds(150));

        var log = await File.ReadAllTextAsync(asterisk.FullLog);
        var calls = await server.CallLog.ListAsync(new CallFilter(Take: 10), CancellationToken.None);
        var call = Assert.Single(calls.Calls);
        var recordings = await server.Recordings.ForCallAsync(call.CallId, CancellationToken.None);

        // The caller went through: unknown account, no answer (asked again), unknown again, everything for staff.
        Assert.Contains("IVR_RESULT=done", log, StringComparison.Ordinal);
        Assert.Equal(
            [("account", RecognitionStatus.Uncertain), ("account", RecognitionStatus.NoAnswer), ("account", RecognitionStatus.Uncertain), ("readings", RecognitionStatus.Pending)],
            recordings.Select(r => (r.Step, r.Status)));
        Assert.Equal(CallOutcome.NeedsReview, (await server.CallLog.WaitForEndAsync(call.CallId)).Outcome);

        // Streamed, never recorded by Asterisk; the stream ended cleanly each time (no Asterisk timeout or error).
        Assert.Equal(4, CountOf(log, "Executing Application: (AudioSocket)"));
        Assert.DoesNotContain("RECORD FILE", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR[", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(asterisk.Run, "*.wav", SearchOption.AllDirectories), f => !f.Contains("/sounds/", StringComparison.Ordinal));

        // Ended by the server: 2 s after the speech although no frame carried that silence; no answer after 5 s.
        var ends = server.Logs.Entries.Select(e => e.Message).Where(m => m.Contains(" streamed: ended by ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, ends.Count);
        Assert.Contains("ended by Silence", ends[0], StringComparison.Ordinal);
        Assert.Contains("ended by NoAnswer", ends[1], StringComparison.Ordinal);

        // Kept in the database: another server (its own stores on the same database) reads the caller's audio.
        await using var other = new ServiceCollection().AddSingleton(TimeProvider.System)
            .AddIvrStorage(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", MigrateOnStart = false, AutoFill = false }, Domain.Organisation())
            .BuildServiceProvider();
        var elsewhere = other.GetRequiredService<IRecordingStore>();
        var seconds = new List<double>();
        foreach (var recording in recordings)
        {
            var audio = await elsewhere.AudioAsync(recording.Id, CancellationToken.None);
            seconds.Add(WavReader.Read(audio!.Bytes).Duration.TotalSeconds);
        }

        Assert.InRange(seconds[0], 3, 7); // seven spoken digits, no 15 s maximum
        Assert.Equal(0, seconds[1]);
        Assert.InRange(seconds[2], 1, 4);
        Assert.True(VoiceActivity.HasVoice(WavReader.Read((await elsewhere.AudioAsync(recordings[0].Id, CancellationToken.None))!.Bytes)));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
