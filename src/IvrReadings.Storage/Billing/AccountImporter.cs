using IvrReadings.Domain;

namespace IvrReadings.Storage;

/// <summary>
/// Billing CSV import: <c>account,address,meter,kind,zones,digits,description,last_reading,last_date,verification_date,autofill</c>
/// (optional extra column <c>holder</c>). Streams the file; good rows go in batches, each batch one transaction; bad rows are
/// reported with their line number and skipped.
/// </summary>
public sealed class AccountImporter
{
    public const int MaxErrorsKept = 10_000;

    private readonly IBillingStore store;

    public AccountImporter(IBillingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    public int BatchSize { get; init; } = 5_000;

    public Task<ImportSummary> ImportFileAsync(string path, IProgress<ImportProgress>? progress, Action<ImportError>? onError, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<ImportSummary> ImportAsync(Stream csv, IProgress<ImportProgress>? progress, Action<ImportError>? onError, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
