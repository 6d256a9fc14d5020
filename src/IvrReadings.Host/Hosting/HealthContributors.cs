using IvrReadings.FastAgi;
using IvrReadings.Speech;
using IvrReadings.Speech.Models;
using IvrReadings.Speech.Vosk;
using IvrReadings.Storage;
using Microsoft.Extensions.Options;

namespace IvrReadings.Host.Hosting;

/// <summary>FastAGI: is the listener bound, and how many calls are in progress.</summary>
public sealed class FastAgiHealth(IFastAgiStatus status) : IHealthContributor
{
    public Task<HealthEntry> CheckAsync(CancellationToken ct) => Task.FromResult(status.Listening
        ? new HealthEntry("fastagi", true, $"listening on {status.Endpoint}, {status.ActiveCalls} active calls")
        : new HealthEntry("fastagi", false, "not listening"));
}

/// <summary>The database: it answers a read and commits the probe write; the detail also says how the last write went.</summary>
public sealed class DatabaseHealthContributor(IDatabaseHealth health, TimeProvider time) : IHealthContributor
{
    public async Task<HealthEntry> CheckAsync(CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        var lastWrite = report.LastWriteAt is not { } at ? ""
            : $"; last write {(time.GetUtcNow() - at).TotalSeconds:0.#} s ago {(report.LastWriteError is null ? "committed" : "failed: " + report.LastWriteError)}";
        return report.Healthy
            ? new HealthEntry("database", true, $"{report.Provider}, schema {report.SchemaVersion}, read and write {report.Latency.TotalMilliseconds:0.#} ms{lastWrite}")
            : new HealthEntry("database", false, $"{report.Provider}: {report.Error}{lastWrite}");
    }
}

/// <summary>
/// The speech model. Not required: without it the voice line still records every caller and
/// queues the recordings for staff, so /health reports it without failing.
/// </summary>
public sealed class SpeechHealth(SpeechModelLocator locator, IOptions<SpeechOptions> options) : IHealthContributor
{
    public Task<HealthEntry> CheckAsync(CancellationToken ct)
    {
        var models = locator.LocateAll();
        VoskLibrary.Configure(options.Value.NativeLibraryDirectory, options.Value.VoskLogLevel);
        var libraryLoads = VoskLibrary.TryEnsureLoaded(out var libraryError);
        var available = models.Where(m => m.ModelAvailable).Select(m => m.Language.ToString().ToLowerInvariant()).ToList();
        var detail = !libraryLoads
            ? $"libvosk not loaded ({libraryError}); voice calls are recorded and queued for staff"
            : available.Count == 0
                ? "no speech model installed (make model); voice calls are recorded and queued for staff"
                : $"models: {string.Join(", ", available)}";
        return Task.FromResult(new HealthEntry("speech", libraryLoads && available.Count > 0, detail, Required: false));
    }
}
