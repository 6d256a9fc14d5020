using IvrReadings.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

/// <summary>
/// Migrates at start so a schema problem stops the host at once rather than failing the first caller. Then commits one
/// probe write: a database that opens but refuses writes (read-only files, a full disk) is reported loudly at start;
/// the server still starts, /health says 503, and writes work again by themselves once the database takes them.
/// </summary>
internal sealed partial class MigrationHostedService(IDatabaseMigrator migrator, Database db, ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        LogSchema(logger, version);
        try
        {
            await DatabaseHealth.ProbeWriteAsync(db, cancellationToken).ConfigureAwait(false);
        }
        catch (Domain.StorageUnavailableException ex)
        {
            LogWritesRefused(logger, ex, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema at version {SchemaVersion}")]
    private static partial void LogSchema(ILogger logger, int schemaVersion);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database refuses writes ({Reason}): callers hear \"technical problem\" and /health answers 503 until it takes writes again (check file permissions and free disk space)")]
    private static partial void LogWritesRefused(ILogger logger, Exception exception, string reason);
}
