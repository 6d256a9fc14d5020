namespace IvrReadings.Domain;

/// <summary>Every call with its timeline: written by the call flows, read by the console.</summary>
public interface ICallLog
{
    Task StartAsync(CallStart call, CancellationToken cancellationToken);

    Task AppendAsync(string callId, CallEvent callEvent, CancellationToken cancellationToken);

    /// <summary>Remembers the account the caller identified (the call list filters on it); the last one set wins.</summary>
    Task SetAccountAsync(string callId, string accountNumber, CancellationToken cancellationToken);

    Task EndAsync(string callId, CallOutcome outcome, string? lastStep, DateTimeOffset endedAt, CancellationToken cancellationToken);

    Task<CallRecord?> GetAsync(string callId, CancellationToken cancellationToken);

    /// <summary>The call's events in the order they were appended.</summary>
    Task<IReadOnlyList<CallEventRecord>> TimelineAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Newest first, filtered and paged. The account filter also matches calls that stored readings for it.</summary>
    Task<CallPage> ListAsync(CallFilter filter, CancellationToken cancellationToken);
}
