namespace IvrReadings.Domain;

/// <summary>The exchange with the billing system: bulk upsert of accounts/meters, export of the counting readings.</summary>
public interface IBillingStore
{
    /// <summary>
    /// Upserts one batch in one transaction, keyed by account number and meter serial: existing rows are updated in
    /// place (their reading history stays). Used by <c>AccountImporter</c> and demo data.
    /// </summary>
    Task<ImportCounts> UpsertAsync(IReadOnlyList<AccountImportRow> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Stores readings that come from outside a call (demo data's invented history) in one transaction, as bulk work:
    /// under <c>Database:CommandTimeoutSeconds</c>, never a caller's deadline. Returns them with their ids.
    /// </summary>
    Task<IReadOnlyList<Reading>> ImportReadingsAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken);

    /// <summary>The counting reading (see <see cref="ReadingHistory.Counting"/>) of every meter zone that has one in the period: meters in import order, zones in asking order. Streams in pages.</summary>
    IAsyncEnumerable<ExportRow> ExportAsync(BillingPeriod period, CancellationToken cancellationToken);
}
