namespace IvrReadings.Domain;

/// <summary>
/// A voice call waiting for staff: it has readings needing review or recordings the machine did not resolve.
/// <paramref name="ClaimedBy"/> is the reviewer who has it open until <paramref name="ClaimedUntil"/> (null when free
/// or the claim ran out before <c>now</c> of the query).
/// </summary>
public sealed record ReviewItem(
    string CallId,
    DateTimeOffset StartedAt,
    string? CallerNumber,
    string? AccountNumber,
    int ReadingsNeedingReview,
    int UnresolvedRecordings,
    PromptLanguage Language = PromptLanguage.Ru,
    string? ClaimedBy = null,
    DateTimeOffset? ClaimedUntil = null);

/// <summary>How a review closed. Stored by these names.</summary>
public enum ReviewOutcome
{
    /// <summary>Staff confirmed the readings (at least one meter).</summary>
    ReadingsConfirmed,

    /// <summary>The recordings hold no readings (silence, noise, the caller said nothing usable).</summary>
    NoReadings,

    /// <summary>Someone must call the customer back: with a note and the number.</summary>
    CallBack,

    /// <summary>The caller is not a customer of this utility.</summary>
    NotOurCustomer,
}

/// <summary>A figure staff confirmed for a meter zone, with the channel and flags the rules gave it.</summary>
public sealed record StaffReading(long MeterId, Zone Zone, long Value, BillingPeriod Period,
    SubmissionChannel Channel = SubmissionChannel.Staff, ReadingFlags Flags = ReadingFlags.StaffCorrected);

/// <summary>
/// Closing a review with an explicit outcome. The readings are stored (status Accepted, EnteredBy = the login) beside the
/// machine's, which stay in history; the call's recordings become Resolved and the call is marked reviewed by/at.
/// <paramref name="ExpectedVersion"/> is the review version the reviewer saw: a review someone else closed meanwhile is refused.
/// </summary>
public sealed record ReviewResolution(
    string CallId,
    string StaffLogin,
    DateTimeOffset At,
    ReviewOutcome Outcome,
    IReadOnlyList<StaffReading> Readings,
    int ExpectedVersion,
    string? Note = null,
    string? CallbackNumber = null,
    string? Address = null);

/// <summary>
/// Where a call's review stands: <see cref="Version"/> counts the closes so far (0: never reviewed), with the last
/// outcome and who/when; and who has it open now.
/// </summary>
public sealed record ReviewState(
    int Version,
    ReviewOutcome? Outcome,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string? Note,
    string? CallbackNumber,
    string? ClaimedBy,
    DateTimeOffset? ClaimedUntil)
{
    public static readonly ReviewState New = new(0, null, null, null, null, null, null, null);

    /// <summary>The reviewer holding the call at <paramref name="now"/>, if any.</summary>
    public string? HolderAt(DateTimeOffset now) => ClaimedUntil is { } until && until > now ? ClaimedBy : null;
}

/// <summary>The answer to a claim: <see cref="Claimed"/> when the caller holds it now; else who does, until when.</summary>
public sealed record ClaimResult(bool Claimed, string? Holder, DateTimeOffset? Until);

/// <summary>The queue at a glance.</summary>
public sealed record QueueStats(int Count, DateTimeOffset? Oldest, IReadOnlyDictionary<PromptLanguage, int> ByLanguage, int Claimed);

/// <summary>A review closed by someone else since the reviewer opened it: nothing was stored.</summary>
public sealed class ReviewConflictException : Exception
{
    public ReviewConflictException(ReviewState current)
        : base($"The review was closed by {current.ReviewedBy} at {current.ReviewedAt:u} (version {current.Version}).") => Current = current;

    public ReviewConflictException()
    {
        Current = ReviewState.New;
    }

    public ReviewConflictException(string message)
        : base(message) => Current = ReviewState.New;

    public ReviewConflictException(string message, Exception innerException)
        : base(message, innerException) => Current = ReviewState.New;

    public ReviewState Current { get; }
}
