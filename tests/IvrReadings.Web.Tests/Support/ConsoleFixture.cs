namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// One running console with seeded data, shared by the functional tests (starting one costs a second or two): on a
/// SQLite file here, on PostgreSQL in <see cref="PostgresConsoleFixture"/>.
/// </summary>
public class ConsoleFixture : IAsyncLifetime
{
    private ConsoleApp? app;
    private Seed? seed;

    /// <summary>The database the console runs on: <see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    public virtual string Provider => TestDatabase.Sqlite;

    public ConsoleApp App => app ?? throw new InvalidOperationException("Not started.");

    public Seed Seed => seed ?? throw new InvalidOperationException("Not seeded.");

    public async Task InitializeAsync()
    {
        if (!TestDatabase.Available(Provider))
        {
            return; // every test of the collection is skipped with the reason (ProviderTestFramework)
        }

        app = await ConsoleApp.StartAsync(provider: Provider);
        seed = await Seed.CreateAsync(app);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class PostgresConsoleFixture : ConsoleFixture
{
    public override string Provider => TestDatabase.Postgres;
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

[CollectionDefinition(Name)]
public sealed class PostgresConsoleCollection : ICollectionFixture<PostgresConsoleFixture>
{
    public const string Name = "console on postgres";
}
