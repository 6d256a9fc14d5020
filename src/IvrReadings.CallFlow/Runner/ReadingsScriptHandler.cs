using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Runner;

/// <summary>
/// The imperative shell of the touch-tone flow (AGI script <c>readings</c>): executes the commands of
/// <see cref="ReadingsFlow"/> on the channel and the stores, feeds the results back, and keeps the call log.
/// </summary>
public sealed class ReadingsScriptHandler(
    IAccountStore accounts,
    IReadingStore readings,
    CallLogQueue callLog,
    Organisation organisation,
    TimeProvider time,
    IOptions<CallFlowOptions> options,
    ILogger<ReadingsScriptHandler> logger,
    IVoiceFallback? voiceFallback = null) : IAgiScriptHandler
{
    /// <summary>Every key interrupts a prompt (barge-in); the key is kept for the input that follows.</summary>
    public const string EscapeDigits = "0123456789*#";

    private const string SilencePrompt = "silence";

    public async Task HandleAsync(IAgiChannel channel, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var env = channel.Environment;
        var callId = channel.CallId;
        var language = ChooseLanguage(env, organisation);
        var callerId = CallRunner.CallerNumber(env.CallerId);
        var window = organisation.Window.Check(time);
        var settings = Settings(options.Value, organisation, language, callerId, window);
        var journal = new CallJournal(callLog, time, logger, callId);
        var call = new CallContext(journal, callerId, new ReadingsBackend(accounts, readings, organisation, time), ReadingsFlow.Initial(settings));
        logger.LogInformation("Readings call {CallId} from {CallerId} in {Language}, window open {WindowOpen}", callId, callerId, language, window.IsOpen);

        journal.Start(SubmissionChannel.Keys, env.Script, callerId, CallRunner.ToPromptLanguage(language), CallRunner.AsteriskIdsOf(env));
        var handedToVoice = false;
        try
        {
            await channel.AnswerAsync(callAborted).ConfigureAwait(false);
            // The query's lang does not change the channel: Asterisk picks sounds/<lang>/ from CHANNEL(language).
            await channel.SetVariableAsync("CHANNEL(language)", language, callAborted).ConfigureAwait(false);
            await RunAsync(channel, call, callAborted).ConfigureAwait(false);
            if (call.State.Outcome == CallEnding.GoToVoice && voiceFallback is not null)
            {
                // No key at the main menu (a pulse phone): the voice flow takes the caller on this same call, in the
                // same call record and timeline; it writes the call's end.
                handedToVoice = true;
                journal.Append(CallEventKind.Note, call.State.LastStep, "continued in the voice flow");
                await voiceFallback.ContinueAsync(channel, callId, language, callAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!channel.IsHungUp && callAborted.IsCancellationRequested)
        {
            // The server's shutdown grace or the call time limit ran out with the caller still on: tell them.
            call.State = ReadingsFlow.Decide(call.State, new Interrupted()).State;
            await ChannelPrompts.LastWordsAsync(channel, options.Value.ResultVariable, logger).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (channel.IsHungUp || callAborted.IsCancellationRequested)
        {
            // An ordinary hangup: not an error. Every confirmed reading was stored before we got here.
            call.State = ReadingsFlow.Decide(call.State, new HungUp()).State;
            logger.LogInformation("Caller {CallId} hung up at {Step}", callId, call.State.LastStep);
        }
        finally
        {
            var state = call.State;
            var outcome = ToDomainOutcome(state, call.StoredCount);
            if (!handedToVoice)
            {
                journal.End(outcome, (state.LastStep ?? state.Step).ToString());
                CallMetrics.Ended(env.Script, outcome);
            }

            logger.LogInformation("Readings call {CallId} ended: {Outcome} at {Step}, {Stored} readings stored",
                callId, state.Outcome, state.LastStep, call.StoredCount);
        }
    }

    private Task RunAsync(IAgiChannel channel, CallContext call, CancellationToken ct) =>
        CallRunner.DriveAsync(
            next =>
            {
                var previousStep = call.State.Step;
                var decision = ReadingsFlow.Decide(call.State, next);
                call.State = decision.State;
                if (call.State.Step != previousStep && call.State.Step != FlowStep.Ended)
                {
                    logger.LogDebug("Call {CallId} step {Step}", call.CallId, call.State.Step);
                }

                return decision.Commands;
            },
            (command, c) => ExecuteAsync(channel, call, call.State, command, c),
            () => call.State.IsEnded,
            () => $"Step {call.State.Step} issued no command that answers.",
            ct);

    private async Task<FlowEvent?> ExecuteAsync(IAgiChannel channel, CallContext call, FlowState state, FlowCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case Play play:
                call.Journal.PromptPlayed(state.Step, play.Prompts);
                await ChannelPrompts.PlayAsync(channel, play.Prompts, EscapeDigits, logger, ct).ConfigureAwait(false);
                return new PromptDone();
            case Collect collect:
                call.Journal.PromptPlayed(state.Step, collect.Prompts);
                var result = await CollectAsync(channel, collect, logger, ct).ConfigureAwait(false);
                call.Journal.Append(CallEventKind.Keys, state.Step, result is DigitsReceived d ? d.Digits : "(timeout)");
                return result;
            case SetVariable set:
                await channel.SetVariableAsync(set.Name, set.Value, ct).ConfigureAwait(false);
                return null;
            case FindCallerAccount find:
                return await CallRunner.StoreCallAsync(logger, call.CallId,
                    async c => new CallerAccountFound(await call.Backend.FindCallerAccountAsync(find.CallerId, c).ConfigureAwait(false)), ct)
                    .ConfigureAwait(false);
            case LookupAccount lookup:
                return await CallRunner.LookupAccountAsync(call.Backend, call.Journal, logger, lookup, ct).ConfigureAwait(false);
            case StoreReading store:
                // Not cancelled by the hangup: a confirmed reading is stored even if the caller hangs up right now.
                return await CallRunner.StoreReadingAsync(call.Backend, call.Journal, logger, store, call.CallerId, SubmissionChannel.Keys, state.Step, () =>
                {
                    call.StoredCount++;
                    logger.LogInformation("Call {CallId} stored meter {MeterId} of account {Account}: {Values}",
                        call.CallId, store.Reading.Meter.MeterId, store.Reading.AccountNumber, string.Join(',', store.Reading.Values));
                }, ct).ConfigureAwait(false);
            case EndCall end:
                if (end.Outcome is not (CallEnding.Operator or CallEnding.GoToVoice))
                {
                    await channel.HangupAsync(ct).ConfigureAwait(false);
                }
                else if (end.Outcome == CallEnding.Operator)
                {
                    // Not a hang-up: the server closes the session and the dialplan queues the caller for an operator.
                    logger.LogInformation("Call {CallId} handed to the operator queue at {Step} ({Variable}=operator)",
                        call.CallId, state.LastStep, options.Value.ResultVariable);
                }

                // Operator / voice: returning closes the session and the dialplan routes on the result variable.
                return null;
            default:
                throw new InvalidOperationException($"Unknown command {command}.");
        }
    }

    /// <summary>
    /// All prompts but the last play with every key as escape digit (barge-in); the last one is GET DATA, which
    /// keeps keys typed during it. A key that stopped an earlier prompt starts the input, and GET DATA on a short
    /// silence collects the rest, so typed-ahead digits are never lost.
    /// </summary>
    public static async Task<FlowEvent> CollectAsync(IAgiChannel channel, Collect collect, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(collect);
        var first = "";
        for (var i = 0; i < collect.Prompts.Count - 1; i++)
        {
            var played = await channel.StreamFileAsync(PromptCatalogue.AsteriskFile(collect.Prompts[i]), EscapeDigits, 0, ct).ConfigureAwait(false);
            if (played.Digit is { } digit)
            {
                first = digit.ToString();
                break;
            }

            ChannelPrompts.ThrowIfHungUp(channel);
            ChannelPrompts.WarnIfMissing(logger, played.FileMissing, collect.Prompts[i]);
        }

        if (first == "#")
        {
            return new DigitsReceived("");
        }

        if (first.Length > 0 && (collect.MaxDigits <= 1 || first == "*"))
        {
            return new DigitsReceived(first);
        }

        var prompt = first.Length == 0 && collect.Prompts.Count > 0 ? collect.Prompts[^1] : SilencePrompt;
        var data = await channel.GetDataAsync(PromptCatalogue.AsteriskFile(prompt), collect.TimeoutMs, collect.MaxDigits - first.Length, ct)
            .ConfigureAwait(false);
        var digits = first + data.Digits;
        ChannelPrompts.WarnIfMissing(logger, data.PromptMissing && !channel.IsHungUp, prompt);

        // Keys that arrived count even if the caller hung up right after them ("1" = confirm, then hangup):
        // the flow stores what was confirmed and sees the hangup at the next command.
        if (digits.Length == 0)
        {
            ChannelPrompts.ThrowIfHungUp(channel);
        }

        return digits.Length == 0 && (data.TimedOut || data.PromptMissing) ? new InputTimedOut() : new DigitsReceived(digits);
    }

    /// <summary>The AGI query's <c>lang</c>, else the channel's language if we speak it, else the organisation's.</summary>
    public static string ChooseLanguage(AgiEnvironment env, Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(organisation);
        return CallLanguages.Normalize(env.GetQueryParameter("lang"))
            ?? CallLanguages.Normalize(env.Language)
            ?? organisation.Language.ToString().ToLowerInvariant();
    }

    public static FlowSettings Settings(CallFlowOptions options, Organisation organisation, string language, string? callerId, WindowStatus window)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(window);
        return new FlowSettings
        {
            Language = language,
            CallerId = callerId,
            WindowOpen = window.IsOpen,
            WindowFromDay = organisation.Window.FirstDay,
            WindowToDay = organisation.Window.LastDay,
            AccountMinLength = organisation.AccountDigitsMin,
            AccountMaxLength = organisation.AccountDigitsMax,
            MaxTries = Math.Max(1, options.MaxTries),
            MaxRepeats = Math.Max(1, options.MaxRepeats),
            InputTimeoutMs = Math.Clamp(options.InputTimeoutMs, CallFlowOptions.MinInputTimeoutMs, CallFlowOptions.MaxInputTimeoutMs),
            SilentMenusBeforeVoice = Math.Max(0, options.SilentMenusBeforeVoice),
            ResultVariable = options.ResultVariable,
        };
    }

    public static CallOutcome ToDomainOutcome(FlowState state, int stored)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Outcome switch
        {
            CallEnding.Completed => CallOutcome.Accepted,
            CallEnding.Operator => CallOutcome.Operator,
            CallEnding.GoToVoice => CallOutcome.Voice,
            CallEnding.TechnicalProblem => CallOutcome.TechnicalFailure,
            // Hanging up during the summary or goodbye is how many callers finish.
            CallEnding.HungUp when state.LastStep == FlowStep.Summary => CallOutcome.Accepted,
            _ => stored > 0 ? CallOutcome.Partial : CallOutcome.Abandoned,
        };
    }

    private sealed class CallContext(CallJournal journal, string? callerId, ReadingsBackend backend, FlowState state)
    {
        /// <summary>The flow's latest state: what the call log records when the caller hangs up mid-command.</summary>
        public FlowState State { get; set; } = state;

        public CallJournal Journal { get; } = journal;

        public string CallId => Journal.CallId;

        public string? CallerId { get; } = callerId;

        public ReadingsBackend Backend { get; } = backend;

        public int StoredCount { get; set; }
    }
}
