using IvrReadings.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// Three voice calls in the review queue of an empty console, one of each kind staff meet: a clear recording of a
/// reading the machine was unsure of, a call whose account the machine did not get, and a call with nothing said.
/// </summary>
public sealed class DeskSeed
{
    public const string ClearCallId = "desk-clear";
    public const string AccountCallId = "desk-account";
    public const string SilentCallId = "desk-silent";
    public const string Account = "7654321";
    public const string KnownCaller = "+79005550101";
    public const string NewCaller = "+79005550202";
    public const long ClearHeard = 412;
    public const long AccountHeard = 418;

    public required long WaterMeterId { get; init; }

    public required long ElectricityMeterId { get; init; }

    public static async Task<DeskSeed> CreateAsync(ConsoleApp app)
    {
        var services = app.Services;
        var lastDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(-1));
        await services.GetRequiredService<IBillingStore>().UpsertAsync(
        [
            new AccountImportRow(Account, "ул. Мира, 3, кв. 7", "Сидоров П. П.", "W-7", MeterKind.ColdWater, 1, 5, "кухня", [400], lastDate, null, null),
            new AccountImportRow(Account, "ул. Мира, 3, кв. 7", "Сидоров П. П.", "E-7", MeterKind.Electricity, 2, 6, string.Empty, [6100, 2010], lastDate, null, null),
        ], CancellationToken.None);
        var account = (await services.GetRequiredService<IAccountStore>().FindAsync(Account, CancellationToken.None))!;
        var water = account.Meters.Single(m => m.Serial == "W-7");
        var electricity = account.Meters.Single(m => m.Serial == "E-7");
        var organisation = services.GetRequiredService<Organisation>();
        var now = DateTimeOffset.UtcNow;
        var period = BillingPeriod.Of(organisation.Window.LocalDate(now));
        var calls = services.GetRequiredService<ICallLog>();
        var recordings = services.GetRequiredService<IRecordingStore>();
        var readings = services.GetRequiredService<IReadingStore>();

        // Someone rang from this number before with keys: the phone line (and the console) can suggest the account to it.
        await readings.SubmitAsync(new NewReading(water.Id, Zone.Total, 405, period.AddMonths(-1), now.AddDays(-30), SubmissionChannel.Keys,
            CallerNumber: KnownCaller, CallId: "desk-earlier"), CancellationToken.None);

        async Task<Recording> Record(string callId, string step, int n, DateTimeOffset at, string? accountNumber, long? meterId, Zone? zone,
            RecognitionStatus status, string? text)
        {
            var file = $"desk/{callId}-{step}-{n}.wav";
            WavFile.Write(Path.Combine(app.RecordingsDirectory, file), 1.5);
            var recording = await recordings.AddAsync(new NewRecording(callId, step, file, at, accountNumber, meterId, zone), enqueue: false, CancellationToken.None);
            await recordings.SetRecognitionAsync(recording.Id, new RecognitionResult(status, text, null), CancellationToken.None);
            return recording;
        }

        // 1. Clear: account known, the machine heard 412 for the kitchen water meter but was not sure.
        var t1 = now.AddMinutes(-50);
        await calls.StartAsync(new CallStart(ClearCallId, SubmissionChannel.Voice, "voice", "+79005550999", PromptLanguage.Ru, t1), CancellationToken.None);
        await calls.SetAccountAsync(ClearCallId, Account, CancellationToken.None);
        await Record(ClearCallId, "reading", 1, t1.AddSeconds(20), Account, water.Id, Zone.Total, RecognitionStatus.Uncertain, "412");
        await readings.SubmitAsync(new NewReading(water.Id, Zone.Total, ClearHeard, period, t1.AddSeconds(25), SubmissionChannel.Voice,
            ReadingStatus.NeedsReview, CallId: ClearCallId), CancellationToken.None);
        await calls.EndAsync(ClearCallId, CallOutcome.NeedsReview, "reading", t1.AddSeconds(40), CancellationToken.None);

        // 2. The account was not understood, from a number that never reported before: everything was recorded at once for staff.
        var t2 = now.AddMinutes(-40);
        await calls.StartAsync(new CallStart(AccountCallId, SubmissionChannel.Voice, "voice", NewCaller, PromptLanguage.Uk, t2), CancellationToken.None);
        await Record(AccountCallId, "account", 1, t2.AddSeconds(10), null, null, null, RecognitionStatus.Uncertain, "семь шесть пять");
        await Record(AccountCallId, "readings", 1, t2.AddSeconds(30), null, null, null, RecognitionStatus.Pending, null);
        await calls.EndAsync(AccountCallId, CallOutcome.Voice, "readings", t2.AddSeconds(60), CancellationToken.None);

        // 3. Nothing was said.
        var t3 = now.AddMinutes(-30);
        await calls.StartAsync(new CallStart(SilentCallId, SubmissionChannel.Voice, "voice", "+79005550303", PromptLanguage.Ru, t3), CancellationToken.None);
        await calls.SetAccountAsync(SilentCallId, Account, CancellationToken.None);
        await Record(SilentCallId, "readings", 1, t3.AddSeconds(10), Account, null, null, RecognitionStatus.NoSpeech, null);
        await calls.EndAsync(SilentCallId, CallOutcome.Voice, "readings", t3.AddSeconds(30), CancellationToken.None);

        return new DeskSeed { WaterMeterId = water.Id, ElectricityMeterId = electricity.Id };
    }
}
