using System.Net;
using IvrReadings.AsteriskSim;
using IvrReadings.Domain;
using IvrReadings.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.CallFlow.Tests.EndToEnd;

/// <summary>
/// The real thing on loopback: Kestrel with the FastAGI server and the readings flow, a fresh real database of the
/// provider asked for (SQLite file or PostgreSQL; migrated at start, seeded with the standard flat), a fixed clock
/// inside the 15th-25th window.
/// </summary>
internal sealed class ReadingsServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private ReadingsServer(LoopbackHost host) => _host = host;

    public CollectingLogs Logs => _host.Logs;

    /// <inheritdoc cref="LoopbackHost.ErrorsWhenDoneAsync"/>
    public Task<IReadOnlyList<string>> ErrorsWhenDoneAsync() => _host.ErrorsWhenDoneAsync();

    public IPEndPoint Endpoint => _host.Endpoint;

    public IReadingStore Readings => _host.Services.GetRequiredService<IReadingStore>();

    public ICallLog CallLog => _host.Services.GetRequiredService<ICallLog>();

    /// <param name="provider"><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</param>
    /// <param name="databaseDown">The server's database cannot be reached (a directory where SQLite's file should be, a closed PostgreSQL port).</param>
    public static async Task<ReadingsServer> StartAsync(string provider, bool databaseDown = false, bool demoData = false,
        Action<FastAgi.FastAgiOptions>? fastAgi = null)
    {
        var directory = LoopbackHost.NewDirectory("ivr-callflow-tests");
        var testDatabase = await TestDatabase.CreateAsync(provider);
        var database = databaseDown ? testDatabase.Unreachable : testDatabase.For();
        var host = await LoopbackHost.StartAsync(directory, services =>
        {
            services.AddIvrStorage(database, Domain.Organisation(from: 15, to: 25));
            services.AddCallFlows(new ConfigurationBuilder().Build());
        }, testDatabase, fastAgi);
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

    public Task StopAsync() => _host.StopAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
