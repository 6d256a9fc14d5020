using IvrReadings.Domain;

namespace IvrReadings.Storage;

/// <summary>Writes the counting readings of a period as CSV: <c>account,meter,kind,zone,value,submitted_at,channel,status,flags</c>.</summary>
public sealed class ReadingExporter
{
    private readonly IBillingStore store;

    public ReadingExporter(IBillingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    /// <summary>Returns the number of data rows written.</summary>
    public Task<int> ExportAsync(BillingPeriod period, TextWriter output, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Writes to a file (created or replaced atomically via a temporary file).</summary>
    public Task<int> ExportFileAsync(BillingPeriod period, string path, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
