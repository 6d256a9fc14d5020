using IvrReadings.Domain;

namespace IvrReadings.Web.Pages.Review;

/// <summary>Where the account shown on the review page came from.</summary>
internal enum AccountSource
{
    None,

    /// <summary>The call identified it (keys, or the voice line understood it).</summary>
    Call,

    /// <summary>A recording is linked to it.</summary>
    Recording,

    /// <summary>The reviewer typed it.</summary>
    Typed,

    /// <summary>The account the caller's number reported for before, as the phone line suggests it: to be checked by ear.</summary>
    CallerNumber,
}

/// <summary>Everything the review page shows for one call, read from the stores.</summary>
internal sealed record ReviewModel(
    CallRecord Call,
    IReadOnlyList<Recording> Recordings,
    IReadOnlyList<Reading> CallReadings,
    ReviewState State,
    Account? Account,
    string? AccountNumber,
    AccountSource Source,
    IReadOnlyList<Reading> AccountHistory,
    BillingPeriod Period)
{
    public static async Task<ReviewModel?> LoadAsync(
        string callId, string? typedAccount, Organisation organisation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var call = await services.GetRequiredService<ICallLog>().GetAsync(callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var recordings = await services.GetRequiredService<IRecordingStore>().ForCallAsync(callId, cancellationToken);
        var readingStore = services.GetRequiredService<IReadingStore>();
        var accounts = services.GetRequiredService<IAccountStore>();
        var callReadings = await readingStore.ForCallAsync(callId, cancellationToken);
        var state = await services.GetRequiredService<IReviewStore>().StateAsync(callId, cancellationToken);

        var (number, source) = Clean(typedAccount) is { } typed ? (typed, AccountSource.Typed)
            : call.AccountNumber is { } known ? (known, AccountSource.Call)
            : recordings.Select(r => r.AccountNumber).FirstOrDefault(a => a is not null) is { } linked ? (linked, AccountSource.Recording)
            : (null, AccountSource.None);
        if (number is null && call.CallerNumber is { } caller && (await accounts.FindByCallerAsync(caller, 1, cancellationToken)) is [var suggested, ..])
        {
            (number, source) = (suggested.Number, AccountSource.CallerNumber);
        }

        var account = number is null ? null : await accounts.FindAsync(number, cancellationToken);
        var history = account is null ? [] : await readingStore.AccountHistoryAsync(account.Number, cancellationToken);
        // The period of the call's moment: what ReadingCheck gives a caller at that moment (open window or not).
        var period = organisation.Window.PeriodAt(call.StartedAt);
        return new ReviewModel(call, recordings, callReadings, state, account, number, source, history, period);
    }

    /// <summary>What the call gave for each zone: the machine's latest reading of it, else digits a recording of it was heard as.</summary>
    public IReadOnlyDictionary<(long MeterId, Zone Zone), long> CallFigures()
    {
        var figures = new Dictionary<(long, Zone), long>();
        foreach (var recording in Recordings.Where(r => r.MeterId is not null && r.Step == "reading"))
        {
            var heard = recording.RecognizedText?.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (heard is { Length: > 0 and <= 18 } && heard.All(char.IsAsciiDigit))
            {
                figures[(recording.MeterId!.Value, recording.Zone ?? Zone.Total)] = long.Parse(heard, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        foreach (var reading in CallReadings.Where(r => r.Channel != SubmissionChannel.Staff && r.EnteredBy is null))
        {
            figures[(reading.MeterId, reading.Zone)] = reading.Value;
        }

        return figures;
    }

    /// <summary>The machine's reading of a zone in this call, if it stored one.</summary>
    public Reading? MachineReading(Meter meter, Zone zone) =>
        CallReadings.LastOrDefault(r => r.MeterId == meter.Id && r.Zone == zone && r.Channel != SubmissionChannel.Staff && r.EnteredBy is null);

    /// <summary>Recordings of the account number (asked, or confirmed).</summary>
    public IEnumerable<Recording> AccountRecordings => Recordings.Where(r => r.MeterId is null && r.Step is "account" or "confirm-account");

    /// <summary>Recordings about one zone of a meter on the shown account.</summary>
    public IEnumerable<Recording> ZoneRecordings(Meter meter, Zone zone) =>
        Recordings.Where(r => r.MeterId == meter.Id && (r.Zone ?? Zone.Total) == zone);

    /// <summary>The rest: everything said at once, or about meters not on the shown account.</summary>
    public IEnumerable<Recording> OtherRecordings => Recordings.Where(r =>
        !AccountRecordings.Contains(r) && (Account is null || r.MeterId is null || Account.Meters.All(m => m.Id != r.MeterId || !m.Zones.Contains(r.Zone ?? Zone.Total))));

    private static string? Clean(string? account)
    {
        var trimmed = account?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
