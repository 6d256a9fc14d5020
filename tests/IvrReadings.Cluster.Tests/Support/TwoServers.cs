using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Cluster.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database (created for the test, dropped after it), seeded through the stores of this test
/// process, and two real servers A and B on it, started together.
/// </summary>
public sealed class TwoServers : IAsyncDisposable
{
    /// <summary>The organisation the servers run with (<see cref="ServerProcess"/>: the window open every day).</summary>
    public static readonly Organisation Organisation = new OrganisationOptions { WindowFirstDay = 1, WindowLastDay = 31 }.ToOrganisation();

    private readonly ServiceProvider _stores;

    private TwoServers(TestDatabase database, ServiceProvider stores, ServerProcess a, ServerProcess b)
    {
        Database = database;
        _stores = stores;
        A = a;
        B = b;
    }

    public TestDatabase Database { get; }

    public ServerProcess A { get; }

    public ServerProcess B { get; }

    public static async Task<TwoServers> StartAsync(Func<IServiceProvider, Task>? seed = null, bool autoFill = false)
    {
        var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var stores = new ServiceCollection().AddIvrStorage(database.For(migrateOnStart: false), Organisation).BuildServiceProvider();
        await stores.GetRequiredService<IDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        if (seed is not null)
        {
            await seed(stores);
        }

        var a = ServerProcess.Start("a", database.For(autoFill: autoFill));
        var b = ServerProcess.Start("b", database.For(autoFill: autoFill));
        var servers = new TwoServers(database, stores, a, b);
        try
        {
            await Task.WhenAll(a.WaitHealthyAsync(), b.WaitHealthyAsync());
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }

        return servers;
    }

    public T Get<T>()
        where T : notnull => _stores.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(A.DisposeAsync().AsTask(), B.DisposeAsync().AsTask());
        await _stores.DisposeAsync();
        await Database.DisposeAsync();
    }
}
