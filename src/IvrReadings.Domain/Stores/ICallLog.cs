namespace IvrReadings.Domain;

/// <summary>Every call with its timeline: written by the call flows, read by the console.</summary>
public interface ICallLog
{
    Task StartAsync(CallStart call, CancellationToken cancellationToken);

    Task AppendAsync(string callId, CallEvent callEvent, CancellationToken cancellationToken);

    /// <summary>Remembers the account the caller identified (the call list filters on it); the last one set wins.</summary>
    Task SetAccountAsync(string callId, string accountNumber, CancellationToken cancellationToken);

    Task EndAsync(string callId, CallOutcome outcome, string? lastStep, DateTimeOffset endedAt, CancellationToken cancellationToken);

    /// <summary>The call continues in another channel's flow: a touch-tone call handed to the voice flow becomes a voice call.</summary>
    Task SetChannelAsync(string callId, SubmissionChannel channel, CancellationToken cancellationToken);

    Task<CallRecord?> GetAsync(string callId, CancellationToken cancellationToken);

    /// <summary>The call's events in the order they were appended.</summary>
    Task<IReadOnlyList<CallEventRecord>> TimelineAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Newest first, filtered and paged. The account filter also matches calls that stored readings for it.</summary>
    Task<CallPage> ListAsync(CallFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="entries"/> in their order; a store that can does it in one transaction (the call flows
    /// journal in batches, off the caller's path). This default writes them one by one.
    /// </summary>
    async Task WriteAsync(IReadOnlyList<CallLogEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            var write = entry switch
            {
                CallLogEntry.Start start => StartAsync(start.Call, cancellationToken),
                CallLogEntry.Append append => AppendAsync(append.CallId, append.Event, cancellationToken),
                CallLogEntry.Account account => SetAccountAsync(account.CallId, account.AccountNumber, cancellationToken),
                CallLogEntry.ChannelChange change => SetChannelAsync(change.CallId, change.Channel, cancellationToken),
                CallLogEntry.End end => EndAsync(end.CallId, end.Outcome, end.LastStep, end.EndedAt, cancellationToken),
                _ => throw new ArgumentException($"Unknown call log entry {entry}.", nameof(entries)),
            };
            await write.ConfigureAwait(false);
        }
    }
}
