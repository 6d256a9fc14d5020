using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage;

/// <summary>Migrates at start so a schema problem stops the host at once rather than failing the first caller.</summary>
internal sealed class MigrationHostedService(IDatabaseMigrator migrator, ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Database schema at version {SchemaVersion}", version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
