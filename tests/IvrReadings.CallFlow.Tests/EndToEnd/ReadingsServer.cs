using System.Collections.Concurrent;
using System.Net;
using IvrReadings.AsteriskSim;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Tests.EndToEnd;

/// <summary>
/// The real thing on loopback: Kestrel with the FastAGI server and the readings flow, a real SQLite file
/// (migrated at start, seeded with the standard flat), a fixed clock inside the 15th-25th window.
/// </summary>
internal sealed class ReadingsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private ReadingsServer(WebApplication app, string directory, CollectingLogs logs)
    {
        _app = app;
        _directory = directory;
        Logs = logs;
    }

    public CollectingLogs Logs { get; }

    public IPEndPoint Endpoint => _app.Services.GetRequiredService<IFastAgiStatus>().Endpoint!;

    public IReadingStore Readings => _app.Services.GetRequiredService<IReadingStore>();

    public ICallLog CallLog => _app.Services.GetRequiredService<ICallLog>();

    public static async Task<ReadingsServer> StartAsync(bool databaseDown = false, bool demoData = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-callflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new CollectingLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<TimeProvider>(new FixedTime(Domain.Now));
        builder.Services.AddFastAgi(o => o.Listen = "127.0.0.1:0");

        // A directory where the database file should be: SQLite cannot open it.
        var database = databaseDown
            ? new DatabaseOptions { ConnectionString = $"Data Source={directory}", MigrateOnStart = false, AutoFill = false, CommandTimeoutSeconds = 2 }
            : new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", MigrateOnStart = true, AutoFill = false };
        builder.Services.AddIvrStorage(database, Domain.Organisation(from: 15, to: 25));
        builder.Services.AddCallFlows(new ConfigurationBuilder().Build());
        builder.WebHost.ConfigureKestrel(o => o.ListenFastAgi());
        var app = builder.Build();
        await app.StartAsync();
        if (demoData)
        {
            await DemoData.SeedAsync(app.Services, CancellationToken.None);
        }
        else if (!databaseDown)
        {
            await app.Services.GetRequiredService<IBillingStore>().UpsertAsync(StandardFlatRows(), CancellationToken.None);
        }

        return new ReadingsServer(app, directory, logs);
    }

    public Task<SimCallResult> CallAsync(CallerScript caller, SimCallOptions? options = null) =>
        SimulatedCall.RunAsync(Endpoint, options ?? new SimCallOptions { Query = "lang=ru" }, caller);

    private static List<AccountImportRow> StandardFlatRows()
    {
        var last = new DateOnly(2026, 10, 20);
        return
        [
            new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.", "EL-100", MeterKind.Electricity, 2, 6, "", [6000, 2000], last, null, null),
            new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.", "CW-200", MeterKind.ColdWater, 1, 5, "кухня", [100], last, null, null),
            new("1234567", "ул. Ленина, 1, кв. 2", "Иванов И. И.", "CW-300", MeterKind.ColdWater, 1, 5, "ванная", [50], last, null, null),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}

/// <summary>Collects log entries so a test can assert that an ordinary hangup logs no error.</summary>
internal sealed class CollectingLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Error)> Entries { get; } = new();

    public IEnumerable<string> Errors => Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Error}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
