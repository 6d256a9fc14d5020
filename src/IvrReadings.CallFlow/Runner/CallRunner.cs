using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// What the touch-tone and the voice handlers do alike around their pure flows: name the call, feed the flow's answers
/// back until it ends, and run store calls so that a database outage becomes a flow event instead of a dropped call.
/// </summary>
internal static partial class CallRunner
{
    /// <summary>
    /// Asterisk's names for the call, kept as attributes of our own call id: whatever Asterisk sends (blank, repeated,
    /// hostile) is cleaned and never keeps a caller from being served. A dialplan may pass <c>system=${SYSTEMNAME}</c>
    /// in the AGI query; otherwise the prefix Asterisk puts on its unique ids when a system name is set is used.
    /// </summary>
    public static AsteriskCallIds AsteriskIdsOf(AgiEnvironment env) =>
        AsteriskCallIds.From(env.UniqueId, env.Channel, env.GetQueryParameter("system"));

    /// <summary>A caller id with fewer than three digits is no number to find an account by.</summary>
    public static string? CallerNumber(string callerId)
    {
        var digits = new string(callerId.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 3 ? digits : null;
    }

    public static PromptLanguage ToPromptLanguage(string language) => language switch
    {
        CallLanguages.Ukrainian => PromptLanguage.Uk,
        CallLanguages.English => PromptLanguage.En,
        _ => PromptLanguage.Ru,
    };

    /// <summary>
    /// The decide/execute loop: <paramref name="decide"/> advances the flow (and keeps its state on the call, so a hangup
    /// mid-command knows the step it interrupted), every command runs, and the last command's answer is the next event.
    /// </summary>
    public static async Task DriveAsync(
        Func<FlowEvent, IReadOnlyList<FlowCommand>> decide,
        Func<FlowCommand, CancellationToken, Task<FlowEvent?>> execute,
        Func<bool> isEnded,
        Func<string> noAnswerMessage,
        CancellationToken ct)
    {
        FlowEvent next = new CallStarted();
        while (true)
        {
            FlowEvent? answer = null;
            foreach (var command in decide(next))
            {
                answer = await execute(command, ct).ConfigureAwait(false);
            }

            if (isEnded())
            {
                return;
            }

            next = answer ?? throw new InvalidOperationException(noAnswerMessage());
        }
    }

    /// <summary>A store call: the database being down is a flow event (the caller hears an apology), not a dropped call.</summary>
    public static async Task<FlowEvent?> StoreCallAsync(ILogger logger, string callId, Func<CancellationToken, Task<FlowEvent?>> action, CancellationToken ct)
    {
        try
        {
            // The hangup token is deliberately not passed: only the server's call limit / shutdown cancels a store.
            return await action(ct).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            LogStoreFailed(logger, ex, callId);
            return new StoreFailed();
        }
    }

    /// <summary>Looks an account up; the one found is remembered on the call (the console's call list filters on it).</summary>
    public static Task<FlowEvent?> LookupAccountAsync(ReadingsBackend backend, CallJournal journal, ILogger logger, LookupAccount lookup, CancellationToken ct) =>
        StoreCallAsync(logger, journal.CallId, async c =>
        {
            var account = await backend.LookupAsync(lookup.AccountNumber, c).ConfigureAwait(false);
            if (account is not null)
            {
                journal.SetAccount(account.Number);
            }

            return new AccountLookedUp(account);
        }, ct);

    /// <summary>
    /// Stores a confirmed reading before the caller hears "accepted", then notes it in the call log.
    /// <paramref name="stored"/> lets the handler count and log it in its own words.
    /// </summary>
    public static Task<FlowEvent?> StoreReadingAsync(
        ReadingsBackend backend, CallJournal journal, ILogger logger, StoreReading store, string? callerId, SubmissionChannel channel, Enum step,
        Action stored, CancellationToken ct) =>
        StoreCallAsync(logger, journal.CallId, async c =>
        {
            var readings = await backend.StoreAsync(store.Reading, journal.CallId, callerId, channel, c).ConfigureAwait(false);
            stored();
            journal.Append(CallEventKind.ReadingStored, step, string.Join(',', store.Reading.Values),
                CallJournal.ReadingsData(store.Reading.Meter.MeterId, readings));
            return new ReadingStored();
        }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the database is unavailable")]
    private static partial void LogStoreFailed(ILogger logger, Exception ex, string callId);
}
