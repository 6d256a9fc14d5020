using IvrReadings.AsteriskSim;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using static IvrReadings.Testing.FakeSpeechRecognizer;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// Whole voice calls through the real FastAGI server, the fake Asterisk (which "records" by writing a WAV into the
/// recordings directory), a real database and the fake recognizer answering with Vosk JSON. Run on SQLite
/// (<see cref="SqliteVoiceEndToEndTests"/>) and on PostgreSQL (<see cref="PostgresVoiceEndToEndTests"/>).
/// </summary>
public abstract class VoiceEndToEndTests
{
    /// <summary><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    protected abstract string Provider { get; }

    internal const string Account = "один два три четыре пять шесть семь";

    /// <summary>Recordings 1-10 of the standard flat, all heard clearly and confirmed.</summary>
    internal static VoiceServer HearsStandardFlat(VoiceServer server) => HearsFlat(server,
        Account, "да", "шесть тысяч сто шестнадцать", "да", "две тысячи сто", "да", "сто десять", "да", "шестьдесят", "да");

    /// <summary>
    /// Recordings 1-10 of a call through the standard flat, heard clearly: the account, its confirmation, then a
    /// reading and its confirmation for each of the four registers, in the order the flow records them.
    /// </summary>
    internal static VoiceServer HearsFlat(VoiceServer server, params string[] answers) => HearsFlatFrom(server, 1, answers);

    /// <summary>As <see cref="HearsFlat"/>, the first answer being the call's recording number <paramref name="first"/>.</summary>
    internal static VoiceServer HearsFlatFrom(VoiceServer server, int first, params string[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var (step, confidence) = i switch
            {
                0 => ("account", 0.95),
                1 => ("confirm-account", 0.97),
                _ when i % 2 == 0 => ("reading", 0.93),
                _ => ("confirm-reading", 0.97),
            };
            server.Hears($"{step}-{i + first}.wav", Json(answers[i], confidence));
        }

        return server;
    }

    internal static string Played(SimCallResult result) => string.Join(' ', result.Played);

    /// <summary>A 150 Hz hum of <paramref name="amplitude"/> (100: some 53 dB below full scale, line noise).</summary>
    private static byte[] Quiet(double seconds, short amplitude)
    {
        var pcm = new byte[(int)(seconds * 8000) * 2];
        for (var i = 0; i < pcm.Length / 2; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)(amplitude * Math.Sin(2 * Math.PI * 150 * i / 8000)));
        }

        return pcm;
    }

    [Fact]
    public async Task All_sure_and_confirmed_are_stored_as_accepted_voice_readings()
    {
        await using var server = HearsStandardFlat(await VoiceServer.StartAsync(Provider));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116", "Night=2100", "Total=110", "Total=60"], stored.Select(r => $"{r.Zone}={r.Value}"));
        Assert.All(stored, r =>
        {
            Assert.Equal(SubmissionChannel.Voice, r.Channel);
            Assert.Equal(ReadingStatus.Accepted, r.Status);
        });

        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(10, recordings.Count);
        Assert.All(recordings, r =>
        {
            Assert.Equal(RecognitionStatus.Recognized, r.Status);
            Assert.True(File.Exists(Path.Combine(server.RecordingsDirectory, r.FilePath)), r.FilePath);
            Assert.NotNull(r.AlternativesJson);
        });
        Assert.Equal($"{await server.CallIdAsync(options)}/account-1.wav", recordings[0].FilePath);
        Assert.Equal(Account, recordings[0].RecognizedText);
        var day = recordings.Single(r => r.FilePath.EndsWith("/reading-3.wav", StringComparison.Ordinal));
        Assert.Equal(("1234567", Zone.Day, "шесть тысяч сто шестнадцать"), (day.AccountNumber, day.Zone, day.RecognizedText));
        Assert.NotNull(day.MeterId);

        var call = await server.CallLog.GetAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal((SubmissionChannel.Voice, CallOutcome.Accepted, "Summary", "1234567"), (call!.Channel, call.Outcome, call.LastStep, call.AccountNumber));
        Assert.Equal(0, await server.Reviews.CountAsync(CancellationToken.None));
        var timeline = await server.CallLog.TimelineAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(10, timeline.Count(e => e.Event.Kind == CallEventKind.Recognition));
        Assert.Equal(3, timeline.Count(e => e.Event.Kind == CallEventKind.ReadingStored));
        Assert.All(server.Recognizer.Requests, r => Assert.Equal(Speech.Numbers.SpeechLanguage.Russian, r.Grammar.Language));
        Assert.Contains("ivr-readings/summary-intro", result.Played);
        Assert.DoesNotContain(result.Commands, c => c.StartsWith("SAY", StringComparison.Ordinal));
        // Streamed by Asterisk to the server (AnswerCaptureTests has the details and RECORD FILE).
        Assert.Equal(10, result.Commands.Count(c => c.StartsWith("EXEC AudioSocket", StringComparison.Ordinal)));
        Assert.All(recordings, r => Assert.True(r.AudioInDatabase));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task A_ukrainian_call_is_recognized_in_ukrainian()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        HearsFlat(server, "один два три чотири п'ять шість сім", "так", "шість тисяч сто шістнадцять", "так", "дві тисячі сто", "так",
            "сто десять", "так", "шістдесят", "так");
        var options = VoiceServer.Voice("uk");
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        Assert.Equal("uk", result.Variables["CHANNEL(language)"]);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116", "Night=2100", "Total=110", "Total=60"], stored.Select(r => $"{r.Zone}={r.Value}"));
        Assert.All(server.Recognizer.Requests, r => Assert.Equal(Speech.Numbers.SpeechLanguage.Ukrainian, r.Grammar.Language));
    }

    [Fact]
    public async Task A_phone_that_sends_no_audio_is_asked_again_and_its_empty_recording_never_reaches_staff()
    {
        // RECORD FILE: Asterisk's silence detection never fires without frames; the recording runs to its end, empty.
        await using var server = await VoiceServer.StartAsync(Provider, settings: VoiceServer.RecordFile);
        HearsFlatFrom(server, 2, Account, "да", "шесть тысяч сто шестнадцать", "да", "две тысячи сто", "да", "сто десять", "да", "шестьдесят", "да");
        var caller = CallerScript.Create().SendNoAudio();
        for (var i = 0; i < 10; i++)
        {
            caller.SayTone(0.5);
        }

        var options = VoiceServer.Voice();
        var result = await server.CallAsync(caller, options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        Assert.Contains("ivr-readings/voice-not-understood ivr-readings/voice-say-again ivr-readings/voice-account", Played(result), StringComparison.Ordinal);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116", "Night=2100", "Total=110", "Total=60"], stored.Select(r => $"{r.Zone}={r.Value}"));
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(11, recordings.Count);
        var empty = recordings[0];
        Assert.Equal(("account", RecognitionStatus.NoAnswer), (empty.Step, empty.Status));
        Assert.Equal(44, new FileInfo(Path.Combine(server.RecordingsDirectory, empty.FilePath)).Length); // kept, as every recording
        Assert.DoesNotContain(server.Recognizer.Requests, r => r.WavPath.EndsWith("account-1.wav", StringComparison.Ordinal));
        // Logged as what it was: the recording ran to its limit, not ended by silence.
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("/account-1 ended by MaxLength", StringComparison.Ordinal));
        Assert.Equal(10, await server.Recordings.QueueLengthAsync(CancellationToken.None)); // the guards of the ten answers, nothing for the empty one
        Assert.Equal(0, await server.Reviews.CountAsync(CancellationToken.None));
        Assert.Equal(CallOutcome.Accepted, (await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options))).Outcome);
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task A_caller_who_says_nothing_twice_goes_to_the_operator_and_nothing_waits_for_staff()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        // Line noise some 50 dB down, then digital silence: neither is an answer.
        var noise = Quiet(2, amplitude: 100);
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(CallerScript.Create().Say(noise).StaySilent(), options);

        Assert.Null(result.Error);
        Assert.Equal("operator", result.Variables["IVR_RESULT"]);
        Assert.EndsWith("ivr-readings/operator-connect", Played(result), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Commands, c => c.StartsWith("HANGUP", StringComparison.Ordinal)); // the dialplan takes it to the queue
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal([RecognitionStatus.NoAnswer, RecognitionStatus.NoAnswer], recordings.Select(r => r.Status));
        Assert.Empty(server.Recognizer.Requests);
        Assert.Equal(0, await server.Recordings.QueueLengthAsync(CancellationToken.None));
        Assert.Equal(0, await server.Reviews.CountAsync(CancellationToken.None));
        var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        Assert.Equal(CallOutcome.Operator, call.Outcome);
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task An_english_call_is_recognized_in_english()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        HearsFlat(server, "one two three four five six seven", "yes", "six thousand one hundred sixteen", "yes", "twenty one hundred", "yes",
            "a hundred and ten", "yes", "sixty", "yes");
        var options = VoiceServer.Voice("en");
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        Assert.Equal("en", result.Variables["CHANNEL(language)"]);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116", "Night=2100", "Total=110", "Total=60"], stored.Select(r => $"{r.Zone}={r.Value}"));
        Assert.All(server.Recognizer.Requests, r => Assert.Equal(Speech.Numbers.SpeechLanguage.English, r.Grammar.Language));
    }

    [Fact]
    public async Task An_english_caller_with_only_the_russian_model_installed_goes_to_staff_never_to_the_russian_model()
    {
        var directory = LoopbackHost.NewDirectory("ivr-voice-tests");
        var russian = Path.Combine(directory, "models", "ru-model");
        Directory.CreateDirectory(Path.Combine(russian, "am"));
        Directory.CreateDirectory(Path.Combine(russian, "conf"));
        await File.WriteAllTextAsync(Path.Combine(russian, "am", "final.mdl"), "");
        await File.WriteAllTextAsync(Path.Combine(russian, "conf", "model.conf"), "");
        await using var server = await VoiceServer.StartAsync(Provider, directory: directory, realModel: true, settings: new Dictionary<string, string?>
        {
            ["Speech:ModelPath"] = russian,
            ["Speech:ModelPaths:ru"] = russian,
            ["Speech:ModelNames:en"] = "no-such-english-model",
        });
        var options = VoiceServer.Voice("en");
        var result = await server.CallAsync(VoiceServer.Speaks(2), options);

        // The Russian "model" here is an empty file: loading it for an English caller would fail the recognition.
        Assert.Null(result.Error);
        Assert.Contains("ivr-readings/voice-no-model ivr-readings/voice-all-readings", Played(result), StringComparison.Ordinal);
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["account", "readings"], recordings.Select(r => r.Step));
        Assert.All(recordings, r => Assert.Equal(RecognitionStatus.Pending, r.Status));
        Assert.Equal(CallOutcome.Voice, (await server.CallLog.GetAsync(await server.CallIdAsync(options), CancellationToken.None))!.Outcome);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("Loaded speech model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silent_main_menu_on_the_readings_line_continues_in_the_voice_flow_as_one_call()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        var options = new SimCallOptions { Script = "readings", Query = "lang=ru" };
        HearsStandardFlat(server);
        var caller = CallerScript.Create().StaySilent().StaySilent();
        for (var i = 0; i < 10; i++)
        {
            caller.SayTone(0.5);
        }

        var result = await server.CallAsync(caller, options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        Assert.True(result.HungUp);
        // One call, one record, one timeline: the touch-tone part and the voice part under the same call id.
        var callId = await server.CallIdAsync(options);
        var page = await server.CallLog.ListAsync(new CallFilter(), CancellationToken.None);
        Assert.Equal([callId], page.Calls.Select(c => c.CallId));
        var call = await server.CallLog.WaitForEndAsync(callId);
        Assert.Equal((SubmissionChannel.Voice, CallOutcome.Accepted), (call.Channel, call.Outcome));
        var timeline = await server.CallLog.TimelineAsync(callId, CancellationToken.None);
        var handover = timeline.Single(e => e.Event.Kind == CallEventKind.Note && e.Event.Text == "continued in the voice flow");
        Assert.Equal("MainMenu", handover.Event.Step);
        Assert.Contains(timeline, e => e.Seq < handover.Seq && e.Event.Kind == CallEventKind.PromptPlayed && e.Event.Text!.Contains("main-menu", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Seq > handover.Seq && e.Event.Kind == CallEventKind.Recognition);

        var stored = await server.Readings.ForCallAsync(callId, CancellationToken.None);
        Assert.Equal(4, stored.Count);
        Assert.All(stored, r => Assert.Equal(SubmissionChannel.Voice, r.Channel));
        Assert.All(await server.Recordings.ForCallAsync(callId, CancellationToken.None),
            r => Assert.StartsWith(callId + "/", r.FilePath, StringComparison.Ordinal));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task A_hangup_mid_flow_keeps_confirmed_readings_and_every_recording()
    {
        await using var server = HearsStandardFlat(await VoiceServer.StartAsync(Provider));
        var options = VoiceServer.Voice();

        // Nine answers; the caller hangs up while the bathroom reading is being recorded.
        var result = await server.CallAsync(VoiceServer.Speaks(9).HangUp(), options);

        Assert.Null(result.Error);
        Assert.True(result.HungUp);
        // The caller's side ends at its hang-up; the server stores the recording it was making and only then ends the
        // call's record: wait for that end before looking at what was kept.
        var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116", "Night=2100", "Total=110"], stored.Select(r => $"{r.Zone}={r.Value}"));
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(9, recordings.Count);
        var last = recordings[^1];
        Assert.Equal((VoiceFlow.ReadingStep, RecognitionStatus.Pending, Zone.Total), (last.Step, last.Status, last.Zone));
        Assert.True(File.Exists(Path.Combine(server.RecordingsDirectory, last.FilePath)));
        Assert.True(await server.Recordings.QueueLengthAsync(CancellationToken.None) >= 1);
        Assert.Equal((CallOutcome.Partial, "ReadingListen"), (call.Outcome, call.LastStep));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [VoiceModelFact]
    public async Task With_the_real_model_a_tone_is_never_taken_for_an_account()
    {
        await using var server = await VoiceServer.StartAsync(Provider, realModel: true);
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(3), options);

        Assert.Null(result.Error);
        Assert.Empty(await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None));
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["account", "account", "readings"], recordings.Select(r => r.Step));
        Assert.Contains("ivr-readings/voice-staff-all", result.Played);
        Assert.Equal(1, await server.Reviews.CountAsync(CancellationToken.None));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }
}

public sealed class SqliteVoiceEndToEndTests : VoiceEndToEndTests
{
    protected override string Provider => TestDatabase.Sqlite;
}

public sealed class PostgresVoiceEndToEndTests : VoiceEndToEndTests, INeedsPostgres
{
    protected override string Provider => TestDatabase.Postgres;
}
