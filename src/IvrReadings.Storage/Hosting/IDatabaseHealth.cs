namespace IvrReadings.Storage;

/// <summary>For <c>/health</c>: a round trip to the database. Never throws (except on cancellation).</summary>
public interface IDatabaseHealth
{
    Task<DatabaseHealthReport> CheckAsync(CancellationToken cancellationToken);
}

public sealed record DatabaseHealthReport(bool Healthy, string Provider, TimeSpan Latency, int SchemaVersion, string? Error);
