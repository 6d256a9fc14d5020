namespace IvrReadings.Domain;

/// <summary>The staff review queue: voice calls with readings needing review or recordings not resolved, not yet reviewed.</summary>
public interface IReviewStore
{
    /// <summary>Oldest call first.</summary>
    Task<IReadOnlyList<ReviewItem>> QueueAsync(int skip, int take, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the staff readings (channel Staff, status Accepted, flag StaffCorrected, EnteredBy), marks the call's
    /// recordings Resolved and the call reviewed by/at, in one transaction. The machine's readings stay in history.
    /// Returns the stored staff readings. Throws <see cref="KeyNotFoundException"/> for an unknown call.
    /// </summary>
    Task<IReadOnlyList<Reading>> ResolveAsync(ReviewResolution resolution, CancellationToken cancellationToken);
}
