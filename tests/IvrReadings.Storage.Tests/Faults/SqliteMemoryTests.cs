using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Storage.Tests.Faults;

/// <summary>
/// SQLite's memory is counted per process, so this class runs alone (no other test's connections in the figure).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqliteMemoryCollection
{
    public const string Name = "SQLite memory";
}

/// <summary>A server's memory does not follow its database file: the writer's page cache is bounded.</summary>
[Collection(SqliteMemoryCollection.Name)]
public sealed class SqliteMemoryTests
{
    private const long DatabaseSize = 24L << 20;
    private const long MemoryBound = 12L << 20;

    [Fact]
    public async Task The_writers_page_cache_stays_bounded_while_the_database_grows_far_past_it()
    {
        await using var db = new SqliteTestDatabase();
        await using var services = new ServiceCollection().AddIvrStorage(db.Options, new OrganisationOptions().ToOrganisation()).BuildServiceProvider();
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(default);
        var billing = services.GetRequiredService<IBillingStore>();

        // Billing imports of new meters, as a growing utility sends them: every batch touches every index of meters.
        var account = 10_000_000;
        while (await DatabaseBytesAsync(db.Options.ConnectionString!) < DatabaseSize)
        {
            var rows = new List<AccountImportRow>();
            for (var i = 0; i < 5000; i++, account++)
            {
                var number = account.ToString(CultureInfo.InvariantCulture);
                rows.Add(new AccountImportRow(number, $"г. Сыктывкар, ул. Ленина, д. {account % 300}, кв. {account % 120}", "", "E" + number,
                    MeterKind.Electricity, 2, 6, "", [account % 90_000, account % 40_000], new DateOnly(2026, 10, 20), new DateOnly(2031, 6, 30), null));
            }

            await billing.UpsertAsync(rows, default);
        }

        // The writer's cache, its pages' headers, the statements; before, the writer's cache (64 MiB) held every page written.
        var used = SQLitePCL.raw.sqlite3_memory_used();
        Assert.True(used < MemoryBound, $"SQLite holds {used >> 10} KiB for a {await DatabaseBytesAsync(db.Options.ConnectionString!) >> 10} KiB database " +
            $"(writer cache {SqliteDatabase.WriterCacheKiB} KiB)");
    }

    private static async Task<long> DatabaseBytesAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
