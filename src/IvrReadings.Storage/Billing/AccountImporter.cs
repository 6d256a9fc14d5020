using System.Diagnostics;
using CsvHelper;
using IvrReadings.Domain;

namespace IvrReadings.Storage;

/// <summary>
/// Billing CSV import: <c>account,address,meter,kind,zones,digits,description,last_reading,last_date,verification_date,autofill</c>
/// (optional extra column <c>holder</c>). Streams the file; good rows go in batches, each batch one transaction; bad rows are
/// reported with their line number and skipped. Re-importing a file updates meters in place (keyed by meter number).
/// </summary>
public sealed class AccountImporter
{
    public const int MaxErrorsKept = 10_000;

    private readonly IBillingStore store;
    private readonly int accountDigitsMin;
    private readonly int accountDigitsMax;

    public AccountImporter(IBillingStore store) : this(store, null)
    {
    }

    public AccountImporter(IBillingStore store, Organisation? organisation)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        accountDigitsMin = organisation?.AccountDigitsMin ?? 5;
        accountDigitsMax = organisation?.AccountDigitsMax ?? 12;
    }

    public int BatchSize { get; init; } = 5_000;

    public async Task<ImportSummary> ImportFileAsync(string path, IProgress<ImportProgress>? progress, Action<ImportError>? onError, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await ImportAsync(file, progress, onError, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ImportSummary> ImportAsync(Stream csv, IProgress<ImportProgress>? progress, Action<ImportError>? onError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var watch = Stopwatch.StartNew();
        var total = csv.CanSeek ? csv.Length : 0;
        var errors = new List<ImportError>();
        int inserted = 0, updated = 0, rejected = 0;
        long rows = 0;

        void Reject(long line, string reason)
        {
            rejected++;
            var error = new ImportError(line, reason);
            if (errors.Count < MaxErrorsKept) errors.Add(error);
            onError?.Invoke(error);
        }

        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            // Every line break ends a record: one unbalanced quote spoils its own row, never the rest of the file.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = bad => Reject(bad.LineNumber, $"malformed CSV ({bad.Reason})"),
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        if (reader.Headers.Count == 0) return new ImportSummary(0, 0, 0, errors, watch.Elapsed);
        var rowParser = AccountRowParser.ForHeader(reader.Headers, accountDigitsMin, accountDigitsMax);

        var batch = new List<AccountImportRow>(BatchSize);
        Task<ImportCounts>? writing = null;
        async Task Drain()
        {
            if (writing is null) return;
            var counts = await writing.ConfigureAwait(false);
            inserted += counts.Inserted;
            updated += counts.Updated;
            writing = null;
            progress?.Report(new ImportProgress(rows, reader.ByteOffset, total, inserted, updated, rejected));
        }

        var record = new List<string>(rowParser.FieldCount);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
            record.Clear();
            for (var i = 0; i < reader.FieldCount; i++) record.Add(reader.GetString(i));
            if (rowParser.Parse(record, out var error) is { } row) batch.Add(row);
            else Reject(reader.LineNumber, error!);

            if (batch.Count >= BatchSize)
            {
                // Parse the next batch while this one is being written.
                await Drain().ConfigureAwait(false);
                writing = store.UpsertAsync(batch, cancellationToken);
                batch = new List<AccountImportRow>(BatchSize);
            }
        }

        await Drain().ConfigureAwait(false);
        if (batch.Count > 0)
        {
            writing = store.UpsertAsync(batch, cancellationToken);
            await Drain().ConfigureAwait(false);
        }

        progress?.Report(new ImportProgress(rows, total, total, inserted, updated, rejected));
        return new ImportSummary(inserted, updated, rejected, errors, watch.Elapsed);
    }
}
