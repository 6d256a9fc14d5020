using IvrReadings.Domain;

namespace IvrReadings.Web.Pages;

/// <summary>Everything the review page shows for one call, read from the stores.</summary>
internal sealed record ReviewModel(
    CallRecord Call,
    IReadOnlyList<Recording> Recordings,
    IReadOnlyList<Reading> CallReadings,
    Account? Account,
    string? AccountNumber,
    IReadOnlyList<Reading> AccountHistory,
    BillingPeriod Period)
{
    public static async Task<ReviewModel?> LoadAsync(
        string callId, string? accountOverride, Organisation organisation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var calls = services.GetRequiredService<ICallLog>();
        var call = await calls.GetAsync(callId, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var recordings = await services.GetRequiredService<IRecordingStore>().ForCallAsync(callId, cancellationToken);
        var readingStore = services.GetRequiredService<IReadingStore>();
        var callReadings = await readingStore.ForCallAsync(callId, cancellationToken);
        var number = Clean(accountOverride) ?? call.AccountNumber ?? recordings.Select(r => r.AccountNumber).FirstOrDefault(a => a is not null);
        var account = number is null ? null : await services.GetRequiredService<IAccountStore>().FindAsync(number, cancellationToken);
        var history = account is null ? [] : await readingStore.AccountHistoryAsync(account.Number, cancellationToken);
        var period = callReadings.Count > 0
            ? callReadings[^1].Period
            : BillingPeriod.Of(organisation.Window.LocalDate(call.StartedAt));
        return new ReviewModel(call, recordings, callReadings, account, number, history, period);
    }

    /// <summary>What the machine made of a meter zone in this call: its latest reading, else a recording's figures.</summary>
    public string? MachineValue(Meter meter, Zone zone)
    {
        var reading = CallReadings.LastOrDefault(r => r.MeterId == meter.Id && r.Zone == zone);
        if (reading is not null)
        {
            return reading.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var heard = Recordings.LastOrDefault(r => r.MeterId == meter.Id && (r.Zone ?? Zone.Total) == zone)?.RecognizedText?.Replace(" ", string.Empty, StringComparison.Ordinal);
        return heard is { Length: > 0 and <= 18 } && heard.All(char.IsAsciiDigit) ? heard : null;
    }

    public Reading? MachineReading(Meter meter, Zone zone) => CallReadings.LastOrDefault(r => r.MeterId == meter.Id && r.Zone == zone);

    private static string? Clean(string? account)
    {
        var trimmed = account?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
