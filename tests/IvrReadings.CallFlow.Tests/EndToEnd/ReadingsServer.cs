using System.Net;
using IvrReadings.AsteriskSim;
using IvrReadings.Domain;
using IvrReadings.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.CallFlow.Tests.EndToEnd;

/// <summary>
/// The real thing on loopback: Kestrel with the FastAGI server and the readings flow, a real SQLite file
/// (migrated at start, seeded with the standard flat), a fixed clock inside the 15th-25th window.
/// </summary>
internal sealed class ReadingsServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private ReadingsServer(LoopbackHost host) => _host = host;

    public CollectingLogs Logs => _host.Logs;

    public IPEndPoint Endpoint => _host.Endpoint;

    public IReadingStore Readings => _host.Services.GetRequiredService<IReadingStore>();

    public ICallLog CallLog => _host.Services.GetRequiredService<ICallLog>();

    public static async Task<ReadingsServer> StartAsync(bool databaseDown = false, bool demoData = false)
    {
        var directory = LoopbackHost.NewDirectory("ivr-callflow-tests");

        // A directory where the database file should be: SQLite cannot open it.
        var database = databaseDown
            ? new DatabaseOptions { ConnectionString = $"Data Source={directory}", MigrateOnStart = false, AutoFill = false, CommandTimeoutSeconds = 2 }
            : new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", MigrateOnStart = true, AutoFill = false };
        var host = await LoopbackHost.StartAsync(directory, services =>
        {
            services.AddIvrStorage(database, Domain.Organisation(from: 15, to: 25));
            services.AddCallFlows(new ConfigurationBuilder().Build());
        });
        if (demoData)
        {
            await DemoData.SeedAsync(host.Services, CancellationToken.None);
        }
        else if (!databaseDown)
        {
            await host.SeedStandardFlatAsync();
        }

        return new ReadingsServer(host);
    }

    public Task<SimCallResult> CallAsync(CallerScript caller, SimCallOptions? options = null) =>
        SimulatedCall.RunAsync(Endpoint, options ?? new SimCallOptions { Query = "lang=ru" }, caller);

    /// <summary>The server's own id of the call made with <paramref name="options"/> (see <see cref="LoopbackHost.CallIdAsync"/>).</summary>
    public Task<string> CallIdAsync(SimCallOptions options) => _host.CallIdAsync(options.UniqueId);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
