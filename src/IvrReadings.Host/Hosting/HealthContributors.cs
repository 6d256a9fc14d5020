using IvrReadings.FastAgi;
using IvrReadings.Speech.Models;
using IvrReadings.Speech.Vosk;
using IvrReadings.Storage;

namespace IvrReadings.Host.Hosting;

/// <summary>FastAGI: is the listener bound, and how many calls are in progress.</summary>
public sealed class FastAgiHealth(IFastAgiStatus status) : IHealthContributor
{
    public Task<HealthEntry> CheckAsync(CancellationToken ct) => Task.FromResult(status.Listening
        ? new HealthEntry("fastagi", true, $"listening on {status.Endpoint}, {status.ActiveCalls} active calls")
        : new HealthEntry("fastagi", false, "not listening"));
}

/// <summary>The database: reachable, and at which schema version.</summary>
public sealed class DatabaseHealthContributor(IDatabaseHealth health) : IHealthContributor
{
    public async Task<HealthEntry> CheckAsync(CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        return report.Healthy
            ? new HealthEntry("database", true, $"{report.Provider}, schema {report.SchemaVersion}, {report.Latency.TotalMilliseconds:0.#} ms")
            : new HealthEntry("database", false, $"{report.Provider}: {report.Error}");
    }
}

/// <summary>
/// The speech model. Not required: without it the voice line still records every caller and
/// queues the recordings for staff, so /health reports it without failing.
/// </summary>
public sealed class SpeechHealth(SpeechModelLocator locator) : IHealthContributor
{
    public Task<HealthEntry> CheckAsync(CancellationToken ct)
    {
        var models = locator.LocateAll();
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
