using System.Net;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Tests;

/// <summary>
/// What the end-to-end servers share: a host with the FastAGI server on a loopback port, collected logs, a fixed
/// clock inside the 15th-25th window, a temp directory that goes away with the host, and the test database (SQLite or
/// PostgreSQL), dropped after the host stops. The caller adds the storage and the flows it tests.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly IHost _app;

    private readonly TestDatabase? _database;

    private LoopbackHost(IHost app, string directory, CollectingLogs logs, TestDatabase? database)
    {
        _app = app;
        _database = database;
        Directory = directory;
        Logs = logs;
    }

    public string Directory { get; }

    public CollectingLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public IPEndPoint Endpoint => _app.Services.GetRequiredService<IFastAgiStatus>().Endpoint!;

    /// <summary>
    /// The errors logged once no call is in progress on the server (30 s at most). A caller's side can be over before the
    /// server's (a hang-up, a hand-off), and a handler that fails is logged as it ends: errors read at the caller's end
    /// could miss it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ErrorsWhenDoneAsync()
    {
        var status = _app.Services.GetRequiredService<IFastAgiStatus>();
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); status.ActiveCalls > 0;)
        {
            Xunit.Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{status.ActiveCalls} calls still in progress after 30 s");
            await Task.Delay(20);
        }

        return [.. Logs.Errors];
    }

    /// <summary>A fresh folder below the temp directory (<paramref name="area"/> keeps the suites apart).</summary>
    public static string NewDirectory(string area) => Path.Combine(Path.GetTempPath(), area, Guid.NewGuid().ToString("N"));

    /// <param name="database">Owned from here on: disposed (dropped) with the host.</param>
    public static async Task<LoopbackHost> StartAsync(string directory, Action<IServiceCollection> addServices, TestDatabase? database = null,
        Action<FastAgiOptions>? fastAgi = null)
    {
        ArgumentNullException.ThrowIfNull(addServices);
        System.IO.Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder();
        var logs = new CollectingLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<TimeProvider>(new FixedTime(Domain.Now));
        builder.Services.AddFastAgi(o =>
        {
            o.Listen = "127.0.0.1:0";
            fastAgi?.Invoke(o);
        });
        addServices(builder.Services);
        builder.Services.AddFastAgiListener();
        var app = builder.Build();
        await app.StartAsync();
        return new LoopbackHost(app, directory, logs, database);
    }

    /// <summary>
    /// The server's own id of the call Asterisk (the fake) named <paramref name="asteriskUniqueId"/>, once the server has
    /// ended its record. The caller's side is over at its hang-up or the server's last command; the server then stores
    /// what it was still doing (the recording a hang-up cut short) and ends the call's record off the caller's path
    /// (the call log queue), so a test that looked the call up as soon as it appeared could read its recordings,
    /// readings or timeline incomplete on a loaded machine. Waits up to 30 s.
    /// </summary>
    public async Task<string> CallIdAsync(string asteriskUniqueId)
    {
        var queue = _app.Services.GetRequiredService<CallFlow.Runner.CallLogQueue>();
        var calls = _app.Services.GetRequiredService<ICallLog>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = "none";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await queue.FlushAsync(CancellationToken.None);
            var page = await calls.ListAsync(new CallFilter(Take: 1000), CancellationToken.None);
            var found = page.Calls.Where(c => c.Asterisk?.UniqueId == asteriskUniqueId).ToList();
            if (found.Count > 1)
            {
                throw new InvalidOperationException($"Asterisk id {asteriskUniqueId} names {found.Count} calls: {string.Join(", ", found.Select(c => c.CallId))}.");
            }

            if (found is [{ EndedAt: not null } ended])
            {
                return ended.CallId;
            }

            seen = found.Count == 1 ? $"call {found[0].CallId}, not ended" : "none";
            await Task.Delay(50);
        }

        throw new TimeoutException($"No ended call with Asterisk id {asteriskUniqueId} in the call log after 30 s ({seen}).");
    }

    /// <summary>The flat every end-to-end call dials into: account 1234567, a two-zone electricity meter and two water meters.</summary>
    public Task SeedStandardFlatAsync()
    {
        var last = new DateOnly(2026, 10, 20);
        List<AccountImportRow> rows =
        [
            new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.", "EL-100", MeterKind.Electricity, 2, 6, "", [6000, 2000], last, null, null),
            new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.", "CW-200", MeterKind.ColdWater, 1, 5, "кухня", [100], last, null, null),
            new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.", "CW-300", MeterKind.ColdWater, 1, 5, "ванная", [50], last, null, null),
        ];
        return _app.Services.GetRequiredService<IBillingStore>().UpsertAsync(rows, CancellationToken.None);
    }

    /// <summary>Stops the host as a SIGTERM would (calls in progress get the shutdown grace).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await ((IAsyncDisposable)_app).DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
