namespace IvrReadings.Domain;

/// <summary>A stored reading. Of one meter, zone and period the latest accepted one counts (see <see cref="ReadingHistory"/>).</summary>
public sealed record Reading(
    long Id,
    long MeterId,
    Zone Zone,
    long Value,
    BillingPeriod Period,
    DateTimeOffset SubmittedAt,
    SubmissionChannel Channel,
    ReadingStatus Status,
    ReadingFlags Flags,
    string? CallerNumber,
    string? CallId,
    string? EnteredBy);
