using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage;

internal sealed class DatabaseMigrator(Database db) : IDatabaseMigrator
{
    public Task<int> MigrateAsync(CancellationToken cancellationToken) => db.EnsureMigratedAsync(cancellationToken);
}
