using System.Diagnostics;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage;

internal sealed class DatabaseHealth(Database db) : IDatabaseHealth
{
    /// <summary>One probe row per server host: several servers on one PostgreSQL do not contend for a row.</summary>
    private static readonly string Server = Environment.MachineName;

    public async Task<DatabaseHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // One budget for the read and the probe together: /health answers within a caller's deadline, frozen database or not.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(db.CallerTimeoutSeconds));
        try
        {
            var version = await db.ReadAsync(async (s, ct) => (int)await Rows.ScalarAsync(s.Command("SELECT MAX(version) FROM schema_migrations"), ct)
                .ConfigureAwait(false), budget.Token, Deadline.Caller).ConfigureAwait(false);
            await ProbeWriteAsync(db, budget.Token).ConfigureAwait(false);
            return Report(true, watch.Elapsed, version, null);
        }
        catch (Domain.StorageUnavailableException ex)
        {
            return Report(false, watch.Elapsed, 0, ex.Message);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Report(false, watch.Elapsed, 0, $"The database did not answer within {db.CallerTimeoutSeconds} s.");
        }
    }

    /// <summary>A real commit, as small as it gets: what a caller's reading needs to go through.</summary>
    internal static Task<int> ProbeWriteAsync(Database db, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => s.Command("""
                INSERT INTO health_probe (server, probed_at) VALUES (@server, @at)
                ON CONFLICT (server) DO UPDATE SET probed_at = excluded.probed_at
                """).Set("@server", Server).Set("@at", DbValues.ToDb(DateTimeOffset.UtcNow)).ExecuteNonQueryAsync(ct),
            cancellationToken, Deadline.Caller);

    private DatabaseHealthReport Report(bool healthy, TimeSpan latency, int version, string? error)
    {
        var last = db.LastWrite;
        return new DatabaseHealthReport(healthy, db.Dialect.Name, latency, version, error, last?.At, last?.Error);
    }
}
