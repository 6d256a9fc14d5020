using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IvrReadings.Storage.Tests.Faults;

/// <summary>A SQLite file the server cannot write: /health tells the truth, and writes come back by themselves.</summary>
public sealed class SqliteFaultTests
{
    private static readonly Organisation Organisation = new OrganisationOptions().ToOrganisation();

    [ReadOnlyFileFact]
    public async Task A_read_only_database_fails_health_and_recovers_by_itself_once_writable()
    {
        await using var db = new SqliteTestDatabase();
        var file = new SqliteConnectionStringBuilder(db.Options.ConnectionString).DataSource;
        await using (var setup = new ServiceCollection().AddIvrStorage(db.Options, Organisation).BuildServiceProvider())
        {
            await setup.GetRequiredService<IDatabaseMigrator>().MigrateAsync(default);
            await setup.GetRequiredService<IBillingStore>().UpsertAsync(
                [new AccountImportRow("1234567", "addr", "", "E-1", MeterKind.Electricity, 1, 6, "", [100], new DateOnly(2026, 10, 20), null, null)], default);
        }

        SqliteConnection.ClearAllPools();
        ReadOnlyFile.Set(file, readOnly: true);
        try
        {
            // The server starts on a file it cannot write (permissions, a remounted disk).
            var options = new DatabaseOptions { ConnectionString = db.Options.ConnectionString, MigrateOnStart = true, AutoFill = false };
            await using var services = new ServiceCollection().AddIvrStorage(options, Organisation).BuildServiceProvider();
            foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(default); // logs it, does not throw
            var health = services.GetRequiredService<IDatabaseHealth>();
            var meter = (await services.GetRequiredService<IAccountStore>().FindAsync("1234567", default))!.Meters.Single();
            var reading = new NewReading(meter.Id, Zone.Total, 120, new BillingPeriod(2026, 11), DateTimeOffset.UtcNow, SubmissionChannel.Keys,
                ReadingStatus.Accepted, ReadingFlags.None, "79160000000", "call-1");

            var refused = await health.CheckAsync(default);
            Assert.False(refused.Healthy, "reads work, commits do not: not healthy");
            Assert.NotNull(refused.LastWriteError);
            await Assert.ThrowsAsync<StorageUnavailableException>(() => services.GetRequiredService<IReadingStore>().SubmitAsync(reading, default));

            ReadOnlyFile.Set(file, readOnly: false);

            var healthy = await health.CheckAsync(default);
            Assert.True(healthy.Healthy, healthy.Error);
            Assert.Null(healthy.LastWriteError);
            var stored = await services.GetRequiredService<IReadingStore>().SubmitAsync(reading, default);
            Assert.Equal(120, Assert.Single(await services.GetRequiredService<IReadingStore>().HistoryAsync(meter.Id, default)).Value);
            Assert.True(stored.Id > 0);
        }
        finally
        {
            ReadOnlyFile.Set(file, readOnly: false);
        }
    }
}
