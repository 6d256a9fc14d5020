using IvrReadings.Domain;
using Microsoft.Extensions.Logging;
using DomainOutcome = IvrReadings.Domain.CallOutcome;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// The call log of one call, as both flows write it: best effort and never cancelled by the hangup, because the log
/// must never break a call and the end of a call is written after the caller is gone.
/// </summary>
internal sealed partial class CallJournal(ICallLog callLog, TimeProvider time, ILogger logger, string callId)
{
    public string CallId { get; } = callId;

    public Task StartAsync(SubmissionChannel channel, string script, string? callerId, PromptLanguage language) =>
        SafelyAsync(() => callLog.StartAsync(new CallStart(CallId, channel, script, callerId, language, time.GetUtcNow()), CancellationToken.None));

    /// <summary>Appends a timeline line; <paramref name="step"/> is the flow's step (either flow's enum), or null outside the flow.</summary>
    public Task AppendAsync(CallEventKind kind, Enum? step, string? text, string? data = null) =>
        SafelyAsync(() => callLog.AppendAsync(CallId, new CallEvent(time.GetUtcNow(), kind, step?.ToString(), text, data), CancellationToken.None));

    public Task PromptPlayedAsync(Enum step, IReadOnlyList<string> prompts) =>
        AppendAsync(CallEventKind.PromptPlayed, step, string.Join(' ', prompts));

    public Task SetAccountAsync(string accountNumber) =>
        SafelyAsync(() => callLog.SetAccountAsync(CallId, accountNumber, CancellationToken.None));

    public Task EndAsync(DomainOutcome outcome, string lastStep) =>
        SafelyAsync(() => callLog.EndAsync(CallId, outcome, lastStep, time.GetUtcNow(), CancellationToken.None));

    /// <summary>Runs a best-effort write (the call log, a recording status): a failure is logged and the call goes on.</summary>
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: could not write the call log or a recording status")]
    private partial void LogWriteFailed(Exception ex, string callId);
}
