namespace IvrReadings.Domain;

/// <summary>
/// The staff review queue: voice calls with readings needing review or recordings not resolved, not yet reviewed.
/// A reviewer claims a call for a few minutes so two people do not work on one call; closing it needs an explicit outcome.
/// </summary>
public interface IReviewStore
{
    /// <summary>Oldest call first, with who holds each at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ReviewItem>> QueueAsync(int skip, int take, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The same, with who holds each call now by the system clock.</summary>
    Task<IReadOnlyList<ReviewItem>> QueueAsync(int skip, int take, CancellationToken cancellationToken) =>
        QueueAsync(skip, take, DateTimeOffset.UtcNow, cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Count, oldest call, calls per language, and how many are claimed at <paramref name="now"/>.</summary>
    Task<QueueStats> StatsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The review state of a call (<see cref="ReviewState.New"/> when never claimed or reviewed).</summary>
    Task<ReviewState> StateAsync(string callId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the call for <paramref name="login"/> until now + <paramref name="hold"/> when it is free, already theirs, its claim
    /// ran out, or <paramref name="takeOver"/>. Otherwise says who holds it.
    /// </summary>
    Task<ClaimResult> ClaimAsync(string callId, string login, DateTimeOffset now, TimeSpan hold, bool takeOver, CancellationToken cancellationToken);

    /// <summary>Claims the oldest queued call nobody else holds (one already held by <paramref name="login"/> first). Null when none.</summary>
    Task<string?> ClaimNextAsync(string login, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>
    /// Puts back a call <paramref name="login"/> holds (others' claims are left alone): it is free again, and when
    /// <paramref name="login"/> asks for the next call it comes after every other call (others get it in its turn).
    /// </summary>
    Task ReleaseAsync(string callId, string login, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the review in one transaction: stores the staff readings (status Accepted, the channel and flags given,
    /// EnteredBy), marks the call's recordings Resolved and the call reviewed by/at, records the outcome, releases the
    /// claim and writes the audit line. Returns the stored readings. Throws <see cref="KeyNotFoundException"/> for an
    /// unknown call and <see cref="ReviewConflictException"/> (nothing stored) when the review's version is no longer
    /// <see cref="ReviewResolution.ExpectedVersion"/>.
    /// </summary>
    Task<IReadOnlyList<Reading>> ResolveAsync(ReviewResolution resolution, CancellationToken cancellationToken);
}
