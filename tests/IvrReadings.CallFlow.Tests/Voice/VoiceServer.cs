using System.Net;
using IvrReadings.AsteriskSim;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.Speech;
using IvrReadings.Speech.Recognition;
using IvrReadings.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IvrReadings.Testing;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// The real thing on loopback: Kestrel with the FastAGI server, the readings and voice flows, a real SQLite file
/// seeded with the standard flat, the fake recognizer (canned Vosk JSON per recording file name) and a recordings
/// directory the fake Asterisk writes its WAVs into. The background queue is off unless asked for.
/// </summary>
internal sealed class VoiceServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private VoiceServer(LoopbackHost host, FakeSpeechRecognizer recognizer)
    {
        _host = host;
        Recognizer = recognizer;
    }

    public string Directory => _host.Directory;

    public string RecordingsDirectory => Path.Combine(Directory, "recordings");

    public CollectingLogs Logs => _host.Logs;

    /// <inheritdoc cref="LoopbackHost.ErrorsWhenDoneAsync"/>
    public Task<IReadOnlyList<string>> ErrorsWhenDoneAsync() => _host.ErrorsWhenDoneAsync();

    public FakeSpeechRecognizer Recognizer { get; }

    public IPEndPoint Endpoint => _host.Endpoint;

    public IReadingStore Readings => _host.Services.GetRequiredService<IReadingStore>();

    public ICallLog CallLog => _host.Services.GetRequiredService<ICallLog>();

    public IRecordingStore Recordings => _host.Services.GetRequiredService<IRecordingStore>();

    public IReviewStore Reviews => _host.Services.GetRequiredService<IReviewStore>();

    /// <param name="realModel">Use Vosk with the installed model (tests marked <see cref="VoiceModelFactAttribute"/>).</param>
    /// <param name="settings">Configuration keys added to (or replacing) the defaults.</param>
    /// <param name="provider"><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>: a fresh database of it.</param>
    /// <param name="fastAgi">FastAGI server options changed from the defaults (a short shutdown grace).</param>
    public static async Task<VoiceServer> StartAsync(string provider, bool noModel = false, string? directory = null, bool realModel = false,
        IReadOnlyDictionary<string, string?>? settings = null, Action<FastAgi.FastAgiOptions>? fastAgi = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        directory ??= LoopbackHost.NewDirectory("ivr-voice-tests");
        var values = new Dictionary<string, string?>
        {
            ["Speech:ModelPath"] = VoiceModelFactAttribute.Options.Value.ModelPath,
            ["Speech:NativeLibraryDirectory"] = VoiceModelFactAttribute.Options.Value.NativeLibraryDirectory,
            ["Speech:PreloadModels"] = "false",
            ["Recordings:Directory"] = Path.Combine(directory, "recordings"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var recognizer = new FakeSpeechRecognizer(simulateNoModel: noModel);
        var host = await LoopbackHost.StartAsync(directory, services =>
        {
            services.AddIvrStorage(database.For(), Domain.Organisation(from: 15, to: 25));
            if (!realModel)
            {
                services.AddSingleton<ISpeechRecognizer>(recognizer);
            }

            services.AddSpeech(configuration);
            services.AddCallFlows(configuration);
            services.AddVoiceFlow(configuration, recognitionQueue: false);
        }, database, fastAgi);
        await host.SeedStandardFlatAsync();
        return new VoiceServer(host, recognizer);
    }

    public Task<SimCallResult> CallAsync(CallerScript caller, SimCallOptions options) =>
        SimulatedCall.RunAsync(Endpoint, options, caller);

    /// <summary>The recognizer's answer for a recording file name (<c>reading-3.wav</c>).</summary>
    public VoiceServer Hears(string fileName, string json)
    {
        Recognizer.Set(fileName, json);
        return this;
    }

    /// <summary>Answers recorded by Asterisk (RECORD FILE) into the shared recordings directory instead of streamed.</summary>
    public static IReadOnlyDictionary<string, string?> RecordFile { get; } = new Dictionary<string, string?> { ["Voice:Capture"] = "RecordFile" };

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

    /// <summary>The server's own id of the call made with <paramref name="options"/> (see <see cref="LoopbackHost.CallIdAsync"/>).</summary>
    public Task<string> CallIdAsync(SimCallOptions options) => _host.CallIdAsync(options.UniqueId);

    /// <summary>Stops the server as the host does at SIGTERM (its shutdown grace, then calls still running are ended).</summary>
    public Task StopAsync() => _host.StopAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
