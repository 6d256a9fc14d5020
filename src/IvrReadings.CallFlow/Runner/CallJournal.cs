using IvrReadings.Domain;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// The call log of one call, as both flows write it: queued (<see cref="CallLogQueue"/>), never awaited, never
/// cancelled by the hangup: the log must never delay or break a call, and the end of a call is written after the
/// caller is gone.
/// </summary>
internal sealed partial class CallJournal(CallLogQueue callLog, TimeProvider time, ILogger logger, string callId)
{
    public string CallId { get; } = callId;

    public void Start(SubmissionChannel channel, string script, string? callerId, PromptLanguage language, AsteriskCallIds asterisk) =>
        callLog.Enqueue(new CallLogEntry.Start(new CallStart(CallId, channel, script, callerId, language, time.GetUtcNow(), asterisk)));

    /// <summary>Appends a timeline line; <paramref name="step"/> is the flow's step (either flow's enum), or null outside the flow.</summary>
    public void Append(CallEventKind kind, Enum? step, string? text, string? data = null) =>
        callLog.Enqueue(new CallLogEntry.Append(CallId, new CallEvent(time.GetUtcNow(), kind, step?.ToString(), text, data)));

    public void PromptPlayed(Enum step, IReadOnlyList<string> prompts) =>
        Append(CallEventKind.PromptPlayed, step, string.Join(' ', prompts));

    public void SetAccount(string accountNumber) => callLog.Enqueue(new CallLogEntry.Account(CallId, accountNumber));

    /// <summary>The call goes on in another channel's flow (the touch-tone call continued by voice).</summary>
    public void SetChannel(SubmissionChannel channel) => callLog.Enqueue(new CallLogEntry.ChannelChange(CallId, channel));

    public void End(CallOutcome outcome, string lastStep) =>
        callLog.Enqueue(new CallLogEntry.End(CallId, outcome, lastStep, time.GetUtcNow()));

    /// <summary>Runs a best-effort store write (a recording status): a failure is logged and the call goes on.</summary>
    public async Task SafelyAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageUnavailableException or InvalidOperationException or KeyNotFoundException)
        {
            LogWriteFailed(ex, CallId);
        }
    }

    /// <summary>The JSON of a call event that names the readings stored for a meter (the console links them).</summary>
    public static string ReadingsData(string meterId, IEnumerable<Reading> stored) =>
        $"{{\"meter\":{meterId},\"readings\":[{string.Join(',', stored.Select(r => r.Id))}]}}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: could not write a recording status or a reading for review")]
    private partial void LogWriteFailed(Exception ex, string callId);
}
