using System.Diagnostics;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage;

internal sealed class DatabaseHealth(Database db) : IDatabaseHealth
{
    public async Task<DatabaseHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var version = await db.ReadAsync(async (s, ct) => (int)await Rows.ScalarAsync(s.Command("SELECT MAX(version) FROM schema_migrations"), ct)
                .ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return new DatabaseHealthReport(true, db.Dialect.Name, watch.Elapsed, version, null);
        }
        catch (Domain.StorageUnavailableException ex)
        {
            return new DatabaseHealthReport(false, db.Dialect.Name, watch.Elapsed, 0, ex.Message);
        }
    }
}
