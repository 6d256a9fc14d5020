using IvrReadings.Domain;
using IvrReadings.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Web.Tests.Support;

/// <summary>What the tests find in the database: two staff members, an account with meters, a voice call to review, other calls.</summary>
public sealed class Seed
{
    public const string OperatorLogin = "olga";
    public const string SupervisorLogin = "sam";
    public const string Password = "correct horse 42";
    public const string Account = "1234567";
    public const string VoiceCallId = "voice-call-0001";
    public const string KeysCallId = "keys-call-0001";
    public const string AbandonedCallId = "keys-call-0002";
    public const double RecordingSeconds = 2.5;

    public required long ElectricityMeterId { get; init; }

    public required long WaterMeterId { get; init; }

    public required long RecordingId { get; init; }

    public required long OutsideRecordingId { get; init; }

    public required BillingPeriod Period { get; init; }

    public static async Task<Seed> CreateAsync(ConsoleApp app)
    {
        var services = app.Services;
        var time = TimeProvider.System;
        var staff = services.GetRequiredService<IStaffStore>();
        Assert.Equal(StaffAddResult.Added, await StaffAdmin.AddAsync(OperatorLogin, StaffRole.Operator, Password, staff, time));
        Assert.Equal(StaffAddResult.Added, await StaffAdmin.AddAsync(SupervisorLogin, StaffRole.Supervisor, Password, services));

        var lastDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(-1));
        await services.GetRequiredService<IBillingStore>().UpsertAsync(
        [
            new AccountImportRow(Account, "ул. Ленина, 1, кв. 5", "Иванова А. П.", "E-100", MeterKind.Electricity, 2, 6, string.Empty, [15000, 7000], lastDate, new DateOnly(2030, 1, 1), null),
            new AccountImportRow(Account, "ул. Ленина, 1, кв. 5", "Иванова А. П.", "CW-1", MeterKind.ColdWater, 1, 5, "кухня", [350], lastDate, null, 3),
        ], CancellationToken.None);
        var account = await services.GetRequiredService<IAccountStore>().FindAsync(Account, CancellationToken.None);
        var electricity = account!.Meters.Single(m => m.Serial == "E-100");
        var water = account.Meters.Single(m => m.Serial == "CW-1");

        var organisation = services.GetRequiredService<Organisation>();
        var now = time.GetUtcNow();
        var period = BillingPeriod.Of(organisation.Window.LocalDate(now));
        var calls = services.GetRequiredService<ICallLog>();
        var recordings = services.GetRequiredService<IRecordingStore>();
        var readings = services.GetRequiredService<IReadingStore>();

        // A voice call the machine was not sure about.
        var started = now.AddMinutes(-30);
        await calls.StartAsync(new CallStart(VoiceCallId, SubmissionChannel.Voice, "voice", "+79001112233", PromptLanguage.Ru, started,
            new AsteriskCallIds("pbx1-1795313187.95", "PJSIP/trunk-0000002f", "pbx1")), CancellationToken.None);
        await calls.SetAccountAsync(VoiceCallId, Account, CancellationToken.None);
        await calls.AppendAsync(VoiceCallId, new CallEvent(started.AddSeconds(1), CallEventKind.PromptPlayed, "greeting", "voice-greeting"), CancellationToken.None);
        await calls.AppendAsync(VoiceCallId, new CallEvent(started.AddSeconds(9), CallEventKind.Recognition, "reading", "пятнадцать тысяч сто", "{\"confidence\":0.61}"), CancellationToken.None);
        WavFile.Write(Path.Combine(app.RecordingsDirectory, "2026", VoiceCallId + "-1.wav"), RecordingSeconds);
        var recording = await recordings.AddAsync(new NewRecording(VoiceCallId, "reading", $"2026/{VoiceCallId}-1.wav", started.AddSeconds(5), Account, electricity.Id, Zone.Day), enqueue: false, CancellationToken.None);
        await recordings.SetRecognitionAsync(recording.Id, new RecognitionResult(RecognitionStatus.Uncertain, "15100",
            "[{\"text\":\"15100\",\"confidence\":0.61},{\"text\":\"15180\",\"confidence\":0.22}]"), CancellationToken.None);
        await readings.SubmitAsync(new NewReading(electricity.Id, Zone.Day, 15100, period, started.AddSeconds(10), SubmissionChannel.Voice,
            ReadingStatus.NeedsReview, CallerNumber: "+79001112233", CallId: VoiceCallId), CancellationToken.None);
        await calls.AppendAsync(VoiceCallId, new CallEvent(started.AddSeconds(10), CallEventKind.ReadingStored, "reading", "15100"), CancellationToken.None);
        await calls.EndAsync(VoiceCallId, CallOutcome.NeedsReview, "reading", started.AddSeconds(40), CancellationToken.None);

        // A recording whose stored path points outside the recordings directory: must never be served.
        File.WriteAllText(Path.Combine(app.Root, "outside.wav"), "not a recording");
        var outside = await recordings.AddAsync(new NewRecording(VoiceCallId, "reading", "../outside.wav", started.AddSeconds(6)), enqueue: false, CancellationToken.None);

        // A touch-tone call that went through, and one abandoned at the account step.
        await calls.StartAsync(new CallStart(KeysCallId, SubmissionChannel.Keys, "readings", "+79004445566", PromptLanguage.Ru, now.AddMinutes(-20)), CancellationToken.None);
        await calls.SetAccountAsync(KeysCallId, Account, CancellationToken.None);
        await calls.AppendAsync(KeysCallId, new CallEvent(now.AddMinutes(-20).AddSeconds(5), CallEventKind.Keys, "account", "1234567#"), CancellationToken.None);
        await readings.SubmitAsync(new NewReading(water.Id, Zone.Total, 361, period, now.AddMinutes(-19), SubmissionChannel.Keys, CallerNumber: "+79004445566", CallId: KeysCallId), CancellationToken.None);
        await calls.EndAsync(KeysCallId, CallOutcome.Accepted, "goodbye", now.AddMinutes(-18), CancellationToken.None);
        await calls.StartAsync(new CallStart(AbandonedCallId, SubmissionChannel.Keys, "readings", "+79007778899", PromptLanguage.Uk, now.AddMinutes(-10)), CancellationToken.None);
        await calls.EndAsync(AbandonedCallId, CallOutcome.Abandoned, "account", now.AddMinutes(-9), CancellationToken.None);

        return new Seed
        {
            ElectricityMeterId = electricity.Id,
            WaterMeterId = water.Id,
            RecordingId = recording.Id,
            OutsideRecordingId = outside.Id,
            Period = period,
        };
    }
}
