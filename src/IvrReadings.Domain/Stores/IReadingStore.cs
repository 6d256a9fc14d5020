namespace IvrReadings.Domain;

/// <summary>Meter readings: an append-only history per meter zone. Nothing here ever updates or deletes a reading.</summary>
public interface IReadingStore
{
    /// <summary>
    /// Stores the readings in one transaction and returns them with their ids. When this returns the transaction is
    /// COMMITTED durably: only then may the caller hear "accepted". Throws <see cref="StorageUnavailableException"/>
    /// (nothing stored) when the database fails.
    /// </summary>
    Task<IReadOnlyList<Reading>> SubmitAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken);

    /// <summary>Every reading of a meter, oldest first (auto-fill, staff; a call reads <see cref="RulesHistoryAsync"/>).</summary>
    Task<IReadOnlyList<Reading>> HistoryAsync(long meterId, CancellationToken cancellationToken);

    /// <summary>
    /// What the reading rules need to judge a reading of <paramref name="period"/> on these meters, and nothing more
    /// (<see cref="ReadingHistory.ForRules"/>: per zone the counting reading of at most seven months), read without
    /// touching the rest of the history, so a call costs the same whether a meter has a year of readings or ten thousand.
    /// </summary>
    Task<IReadOnlyList<Reading>> RulesHistoryAsync(IReadOnlyList<Meter> meters, BillingPeriod period, CancellationToken cancellationToken);

    /// <summary>Every reading of every meter of an account, oldest first (console account page).</summary>
    Task<IReadOnlyList<Reading>> AccountHistoryAsync(string accountNumber, CancellationToken cancellationToken);

    /// <summary>The readings stored during one call, oldest first.</summary>
    Task<IReadOnlyList<Reading>> ForCallAsync(string callId, CancellationToken cancellationToken);

    /// <summary>
    /// Auto-fills <paramref name="period"/> (see <see cref="AutoFill"/>): at most once per period, by one server at a
    /// time even with several; never over a reading a person submitted. Returns what it did: Ran = false when it had
    /// run before, or when another server is applying it right now (<see cref="AutoFillSummary.RunningOn"/>).
    /// </summary>
    Task<AutoFillSummary> AutoFillAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <param name="Ran">This call applied the period's auto-fill to its end.</param>
/// <param name="Meters">Meters this call filled.</param>
/// <param name="Readings">Readings this call stored.</param>
public sealed record AutoFillSummary(bool Ran, int Meters, int Readings)
{
    /// <summary>
    /// The server applying the period right now (it holds the period's lease), when not this call: ask again later.
    /// Should that server have died, its lease runs out and the next call resumes the run.
    /// </summary>
    public string? RunningOn { get; init; }
}

public static class ReadingStoreExtensions
{
    public static async Task<Reading> SubmitAsync(this IReadingStore store, NewReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.SubmitAsync([reading], cancellationToken).ConfigureAwait(false);
        return stored[0];
    }
}
