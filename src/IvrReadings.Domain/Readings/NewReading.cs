namespace IvrReadings.Domain;

/// <summary>A reading to store. History is append-only: storing never overwrites an earlier reading.</summary>
public sealed record NewReading(
    long MeterId,
    Zone Zone,
    long Value,
    BillingPeriod Period,
    DateTimeOffset SubmittedAt,
    SubmissionChannel Channel,
    ReadingStatus Status = ReadingStatus.Accepted,
    ReadingFlags Flags = ReadingFlags.None,
    string? CallerNumber = null,
    string? CallId = null,
    string? EnteredBy = null);
