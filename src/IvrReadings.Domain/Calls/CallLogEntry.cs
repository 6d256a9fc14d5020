namespace IvrReadings.Domain;

/// <summary>One write to the call log; <see cref="ICallLog.WriteAsync"/> takes them in batches, in order.</summary>
public abstract record CallLogEntry(string CallId)
{
    public sealed record Start(CallStart Call) : CallLogEntry(Call.CallId);

    public sealed record Append(string CallId, CallEvent Event) : CallLogEntry(CallId);

    public sealed record Account(string CallId, string AccountNumber) : CallLogEntry(CallId);

    /// <summary>The call continues in another channel's flow (a touch-tone call handed to the voice flow).</summary>
    public sealed record ChannelChange(string CallId, SubmissionChannel Channel) : CallLogEntry(CallId);

    public sealed record End(string CallId, CallOutcome Outcome, string? LastStep, DateTimeOffset EndedAt) : CallLogEntry(CallId);
}
