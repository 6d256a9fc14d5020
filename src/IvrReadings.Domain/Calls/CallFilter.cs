namespace IvrReadings.Domain;

/// <summary>Console call-list filter; null fields do not filter. Newest first, <see cref="Skip"/>/<see cref="Take"/> page it.</summary>
public sealed record CallFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? AccountNumber = null,
    string? CallerNumber = null,
    CallOutcome? Outcome = null,
    int Skip = 0,
    int Take = 50);

public sealed record CallPage(IReadOnlyList<CallRecord> Calls, int Total);
