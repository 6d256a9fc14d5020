using IvrReadings.AsteriskSim;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using static IvrReadings.Testing.FakeSpeechRecognizer;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// Whole voice calls whose answers staff must settle (an unsure figure, an unknown account, no model, a caller's
/// "no" twice, a hang-up before confirming): the caller is told, every recording is kept and one review waits. The
/// same servers as <see cref="VoiceEndToEndTests"/>, on SQLite and on PostgreSQL.
/// </summary>
public abstract class VoiceToStaffTests
{
    /// <summary><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    protected abstract string Provider { get; }

    [Fact]
    public async Task An_unsure_figure_goes_to_staff_with_its_recording_and_the_caller_is_told()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        server.Hears("account-1.wav", Json(VoiceEndToEndTests.Account, 0.95))
            .Hears("confirm-account-2.wav", Json("да", 0.97))
            .Hears("reading-3.wav", Json(("шесть тысяч сто шестнадцать", 0.5), ("шесть тысяч сто шестьдесят", 0.5)))
            .Hears("reading-4.wav", Json(("шесть тысяч сто шестнадцать", 0.5), ("шесть тысяч сто шестьдесят", 0.5)))
            .Hears("reading-5.wav", Json("сто десять", 0.93))
            .Hears("confirm-reading-6.wav", Json("да", 0.97))
            .Hears("reading-7.wav", Json("шестьдесят", 0.93))
            .Hears("confirm-reading-8.wav", Json("да", 0.97));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(8), options);

        Assert.Null(result.Error);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Day=6116 NeedsReview", "Total=110 Accepted", "Total=60 Accepted"], stored.Select(r => $"{r.Zone}={r.Value} {r.Status}"));
        Assert.All(stored, r => Assert.Equal(SubmissionChannel.Voice, r.Channel));

        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        var unsure = recordings.Where(r => r.Step == VoiceFlow.ReadingStep && r.Zone == Zone.Day).ToList();
        Assert.Equal(2, unsure.Count);
        Assert.All(unsure, r =>
        {
            Assert.Equal(RecognitionStatus.Uncertain, r.Status);
            Assert.Equal("1234567", r.AccountNumber);
            Assert.NotNull(r.MeterId);
            Assert.Contains("шестьдесят", r.AlternativesJson, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(server.RecordingsDirectory, r.FilePath)));
        });

        var queue = await server.Reviews.QueueAsync(0, 10, CancellationToken.None);
        var item = Assert.Single(queue);
        Assert.Equal((await server.CallIdAsync(options), "1234567", 1, 2), (item.CallId, item.AccountNumber, item.ReadingsNeedingReview, item.UnresolvedRecordings));
        Assert.Contains("ivr-readings/voice-meter-staff", result.Played);
        Assert.Contains("ivr-readings/voice-summary-staff ivr-readings/kind-electricity ivr-readings/goodbye", VoiceEndToEndTests.Played(result), StringComparison.Ordinal);
        var call = await server.CallLog.GetAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(CallOutcome.NeedsReview, call!.Outcome);
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task An_unknown_account_goes_to_staff_with_everything_recorded()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        server.Hears("account-1.wav", Json("семь семь семь семь семь семь семь", 0.95))
            .Hears("account-2.wav", Json("семь семь семь семь семь семь семь", 0.95));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(3), options);

        Assert.Null(result.Error);
        Assert.Empty(await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None));
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["account", "account", "readings"], recordings.Select(r => r.Step));
        Assert.Equal([RecognitionStatus.Uncertain, RecognitionStatus.Uncertain, RecognitionStatus.Pending], recordings.Select(r => r.Status));
        Assert.Equal(3, await server.Recordings.QueueLengthAsync(CancellationToken.None)); // two guards and the free recording
        Assert.Contains("ivr-readings/account-not-found", result.Played);
        Assert.Contains("ivr-readings/voice-staff-all", result.Played);
        Assert.Equal(1, await server.Reviews.CountAsync(CancellationToken.None));
        Assert.Equal(CallOutcome.NeedsReview, (await server.CallLog.GetAsync(await server.CallIdAsync(options), CancellationToken.None))!.Outcome);
    }

    [Fact]
    public async Task Without_a_model_everything_is_recorded_and_queued_and_the_caller_is_told()
    {
        await using var server = await VoiceServer.StartAsync(Provider, noModel: true);
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(2), options);

        Assert.Null(result.Error);
        Assert.Equal("done", result.Variables["IVR_RESULT"]);
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["account", "readings"], recordings.Select(r => r.Step));
        Assert.All(recordings, r => Assert.Equal(RecognitionStatus.Pending, r.Status));
        Assert.Equal(2, await server.Recordings.QueueLengthAsync(CancellationToken.None));
        Assert.Contains("ivr-readings/voice-no-model ivr-readings/voice-all-readings", VoiceEndToEndTests.Played(result), StringComparison.Ordinal);
        Assert.Contains("ivr-readings/voice-staff-all", result.Played);
        Assert.Equal(CallOutcome.Voice, (await server.CallLog.GetAsync(await server.CallIdAsync(options), CancellationToken.None))!.Outcome);
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }

    [Fact]
    public async Task No_twice_sends_the_meter_to_staff()
    {
        await using var server = await VoiceServer.StartAsync(Provider);
        VoiceEndToEndTests.HearsFlat(server, VoiceEndToEndTests.Account, "да", "шесть тысяч сто шестнадцать", "нет", "шесть тысяч сто шестнадцать", "нет", "сто десять", "да", "шестьдесят", "да");
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(10), options);

        Assert.Null(result.Error);
        var stored = await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(["Total=110", "Total=60"], stored.Select(r => $"{r.Zone}={r.Value}"));
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal(4, recordings.Count(r => r.Status == RecognitionStatus.Uncertain));
        Assert.Equal(1, await server.Reviews.CountAsync(CancellationToken.None));
        Assert.Contains("ivr-readings/voice-summary-staff ivr-readings/kind-electricity", VoiceEndToEndTests.Played(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hangup_after_an_unconfirmed_figure_leaves_it_for_staff()
    {
        await using var server = VoiceEndToEndTests.HearsStandardFlat(await VoiceServer.StartAsync(Provider));
        var options = VoiceServer.Voice();
        var result = await server.CallAsync(VoiceServer.Speaks(3).HangUpAsNextCommandArrives(), options);

        Assert.Null(result.Error);
        var stored = Assert.Single(await server.Readings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None));
        Assert.Equal((Zone.Day, 6116L, ReadingStatus.NeedsReview), (stored.Zone, stored.Value, stored.Status));
        var recordings = await server.Recordings.ForCallAsync(await server.CallIdAsync(options), CancellationToken.None);
        Assert.Equal([RecognitionStatus.Recognized, RecognitionStatus.Recognized, RecognitionStatus.Uncertain], recordings.Select(r => r.Status));
        var call = await server.CallLog.WaitForEndAsync(await server.CallIdAsync(options));
        Assert.Equal((CallOutcome.NeedsReview, "ReadingConfirm"), (call.Outcome, call.LastStep));
        Assert.Equal(1, await server.Reviews.CountAsync(CancellationToken.None));
        Assert.Empty(await server.ErrorsWhenDoneAsync());
    }
}

public sealed class SqliteVoiceToStaffTests : VoiceToStaffTests
{
    protected override string Provider => TestDatabase.Sqlite;
}

public sealed class PostgresVoiceToStaffTests : VoiceToStaffTests, INeedsPostgres
{
    protected override string Provider => TestDatabase.Postgres;
}
