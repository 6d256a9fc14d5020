namespace IvrReadings.Domain;

/// <summary>A voice call waiting for staff: it has readings needing review or recordings the machine did not resolve.</summary>
public sealed record ReviewItem(
    string CallId,
    DateTimeOffset StartedAt,
    string? CallerNumber,
    string? AccountNumber,
    int ReadingsNeedingReview,
    int UnresolvedRecordings);

/// <summary>A figure staff typed in (or confirmed) for a meter zone after listening.</summary>
public sealed record StaffReading(long MeterId, Zone Zone, long Value, BillingPeriod Period);

/// <summary>
/// Resolving a review: the staff readings are stored (channel Staff, flag StaffCorrected, EnteredBy = login) beside the
/// machine's, which stay in history; the call's recordings become Resolved and the call is marked reviewed by/at.
/// </summary>
public sealed record ReviewResolution(string CallId, string StaffLogin, DateTimeOffset At, IReadOnlyList<StaffReading> Readings, string? Note = null);
