using System.Globalization;
using CsvHelper;
using IvrReadings.Domain;

namespace IvrReadings.Storage;

/// <summary>Writes the counting readings of a period as CSV: <c>account,meter,kind,zone,value,submitted_at,channel,status,flags</c>.</summary>
public sealed class ReadingExporter
{
    private static readonly string[] Header = ["account", "meter", "kind", "zone", "value", "submitted_at", "channel", "status", "flags"];

    private readonly IBillingStore store;

    public ReadingExporter(IBillingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    /// <summary>Returns the number of data rows written. Times are UTC ISO 8601; enum values snake_case; flags joined by <c>;</c>.</summary>
    public async Task<int> ExportAsync(BillingPeriod period, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(Header);
        var count = 0;
        await foreach (var row in store.ExportAsync(period, cancellationToken).ConfigureAwait(false))
        {
            await csv.WriteRecordAsync(
            [
                row.AccountNumber,
                row.Serial,
                CsvNames.Of(row.Kind),
                CsvNames.Of(row.Zone),
                row.Value.ToString(CultureInfo.InvariantCulture),
                row.SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                CsvNames.Of(row.Channel),
                CsvNames.Of(row.Status),
                CsvNames.Of(row.Flags),
            ], cancellationToken).ConfigureAwait(false);
            count++;
        }

        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Writes to a file, replaced atomically via a temporary file so billing never picks up half an export.</summary>
    public async Task<int> ExportFileAsync(BillingPeriod period, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = full + ".tmp";
        int count;
        await using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
        {
            count = await ExportAsync(period, writer, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, full, overwrite: true);
        return count;
    }
}
