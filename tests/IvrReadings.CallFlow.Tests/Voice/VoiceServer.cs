using System.Collections.Concurrent;
using System.Net;
using IvrReadings.AsteriskSim;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Speech;
using IvrReadings.Speech.Recognition;
using IvrReadings.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// The real thing on loopback: Kestrel with the FastAGI server, the readings and voice flows, a real SQLite file
/// seeded with the standard flat, the fake recognizer (canned Vosk JSON per recording file name) and a recordings
/// directory the fake Asterisk writes its WAVs into. The background queue is off unless asked for.
/// </summary>
internal sealed class VoiceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VoiceServer(WebApplication app, string directory, VoiceLogs logs, FakeSpeechRecognizer recognizer)
    {
        _app = app;
        Directory = directory;
        Logs = logs;
        Recognizer = recognizer;
    }

    public string Directory { get; }

    public string RecordingsDirectory => Path.Combine(Directory, "recordings");

    public VoiceLogs Logs { get; }

    public FakeSpeechRecognizer Recognizer { get; }

    public IPEndPoint Endpoint => _app.Services.GetRequiredService<IFastAgiStatus>().Endpoint!;

    public IReadingStore Readings => _app.Services.GetRequiredService<IReadingStore>();

    public ICallLog CallLog => _app.Services.GetRequiredService<ICallLog>();

    public IRecordingStore Recordings => _app.Services.GetRequiredService<IRecordingStore>();

    public IReviewStore Reviews => _app.Services.GetRequiredService<IReviewStore>();

    /// <param name="realModel">Use Vosk with the installed model (tests marked <see cref="VoiceModelFactAttribute"/>).</param>
    public static async Task<VoiceServer> StartAsync(bool noModel = false, string? directory = null, bool realModel = false)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "ivr-voice-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new VoiceLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<TimeProvider>(new FixedTime(Domain.Now));
        builder.Services.AddFastAgi(o => o.Listen = "127.0.0.1:0");
        builder.Services.AddIvrStorage(
            new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", MigrateOnStart = true, AutoFill = false },
            Domain.Organisation(from: 15, to: 25));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Speech:Recognizer"] = realModel ? "Vosk" : "Fake",
            ["Speech:ModelPath"] = Environment.GetEnvironmentVariable("Speech__ModelPath"),
            ["Speech:PreloadModels"] = "false",
            ["Recordings:Directory"] = Path.Combine(directory, "recordings"),
        }).Build();
        var recognizer = new FakeSpeechRecognizer(simulateNoModel: noModel);
        if (!realModel)
        {
            builder.Services.AddSingleton<ISpeechRecognizer>(recognizer);
        }

        builder.Services.AddSpeech(configuration);
        builder.Services.AddCallFlows(configuration);
        builder.Services.AddVoiceFlow(configuration, recognitionQueue: false);
        builder.WebHost.ConfigureKestrel(o => o.ListenFastAgi());
        var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IBillingStore>().UpsertAsync(StandardFlatRows(), CancellationToken.None);
        return new VoiceServer(app, directory, logs, recognizer);
    }

    public Task<SimCallResult> CallAsync(CallerScript caller, SimCallOptions options) =>
        SimulatedCall.RunAsync(Endpoint, options, caller);

    /// <summary>The recognizer's answer for a recording file name (<c>reading-3.wav</c>).</summary>
    public VoiceServer Hears(string fileName, string json)
    {
        Recognizer.Set(fileName, json);
        return this;
    }

    public static SimCallOptions Voice(string lang = "ru") => new() { Script = "voice", Query = "lang=" + lang };

    /// <summary>The caller speaks <paramref name="answers"/> times (a tone stands in for the words; the fake recognizer knows them).</summary>
    public static CallerScript Speaks(int answers)
    {
        var script = CallerScript.Create();
        for (var i = 0; i < answers; i++)
        {
            script.SayTone(0.5);
        }

        return script;
    }

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
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}

/// <summary>Collects log entries so a test can assert that an ordinary hangup logs no error.</summary>
internal sealed class VoiceLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Error)> Entries { get; } = new();

    public IEnumerable<string> Errors => Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Error}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(VoiceLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
