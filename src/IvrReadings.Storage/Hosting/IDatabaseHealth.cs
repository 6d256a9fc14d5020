namespace IvrReadings.Storage;

/// <summary>
/// For <c>/health</c>: a read of the schema version and a small committed write (the probe), each within the caller
/// deadline. Healthy only when both work: a database that answers reads but refuses commits (disk full, read-only files)
/// is not healthy. Never throws (except on cancellation).
/// </summary>
public interface IDatabaseHealth
{
    Task<DatabaseHealthReport> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="LastWriteAt">When the latest write of this server (a caller's, a call log batch, the probe) ended.</param>
/// <param name="LastWriteError">Why that write failed; null when it committed.</param>
public sealed record DatabaseHealthReport(bool Healthy, string Provider, TimeSpan Latency, int SchemaVersion, string? Error,
    DateTimeOffset? LastWriteAt = null, string? LastWriteError = null);
