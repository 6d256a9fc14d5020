using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Speech.Numbers;
using Microsoft.Extensions.Logging;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// The imperative shell of the voice flow (AGI script <c>voice</c>, and the fallback of the touch-tone flow): runs the
/// commands of <see cref="VoiceFlow"/> on the channel and the stores, and keeps the call log. Listening (record, keep,
/// recognize) is <see cref="VoiceListener"/>'s; what is left for staff is <see cref="VoiceReview"/>'s.
/// </summary>
internal sealed partial class VoiceScriptHandler(
    CallLogQueue callLog,
    TimeProvider time,
    VoiceCallSetup setup,
    VoiceListener listener,
    VoiceReview review,
    ILogger<VoiceScriptHandler> logger) : IAgiScriptHandler, IVoiceFallback
{
    public async Task HandleAsync(IAgiChannel channel, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var env = channel.Environment;
        var language = ReadingsScriptHandler.ChooseLanguage(env, setup.Organisation);
        await RunCallAsync(channel, channel.CallId, env.Script, language, answer: true, callAborted).ConfigureAwait(false);
    }

    /// <summary>Continues the touch-tone call in its own record and timeline: one call, one record (now a voice call).</summary>
    public async Task ContinueAsync(IAgiChannel channel, string callId, string language, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        await RunCallAsync(channel, callId, channel.Environment.Script, language, answer: false, callAborted).ConfigureAwait(false);
    }

    /// <param name="answer">A call of its own (answered here); false: the touch-tone flow hands over a call it started.</param>
    private async Task RunCallAsync(IAgiChannel channel, string callId, string script, string language, bool answer, CancellationToken callAborted)
    {
        var env = channel.Environment;
        var callerId = CallRunner.CallerNumber(env.CallerId);
        var journal = new CallJournal(callLog, time, logger, callId);
        var call = new VoiceCall(journal, callerId, setup.SpeechLanguageOf(language), setup.Backend())
        {
            State = VoiceFlow.Initial(setup.Settings(language)),
        };
        LogCallStarted(callId, callerId, language, call.Language);

        if (answer)
        {
            journal.Start(SubmissionChannel.Voice, script, callerId, CallRunner.ToPromptLanguage(language), CallRunner.AsteriskIdsOf(env));
        }
        else
        {
            journal.SetChannel(SubmissionChannel.Voice); // staff review voice calls: this one is one now
        }

        try
        {
            if (answer)
            {
                await channel.AnswerAsync(callAborted).ConfigureAwait(false);
                await channel.SetVariableAsync("CHANNEL(language)", language, callAborted).ConfigureAwait(false);
            }

            await RunAsync(channel, call, callAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (channel.IsHungUp || callAborted.IsCancellationRequested)
        {
            // An ordinary hangup, or the server's shutdown grace or the call time limit ran out with the caller still on
            // (a technical problem, told to the caller): confirmed readings are stored; every recording is kept and waits
            // for staff.
            var cutByServer = !channel.IsHungUp;
            var ended = VoiceFlow.Decide(call.State, cutByServer ? new Interrupted() : new HungUp());
            call.State = ended.State;
            foreach (var forReview in ended.Commands.OfType<StoreForReview>())
            {
                await review.StoreForReviewAsync(call, forReview, CancellationToken.None).ConfigureAwait(false);
            }

            if (cutByServer)
            {
                await ChannelPrompts.LastWordsAsync(channel, call.State.Settings.ResultVariable, logger).ConfigureAwait(false);
            }
            else
            {
                LogHungUp(callId, call.State.LastStep, call.RecordingCount);
            }
        }
        finally
        {
            var state = call.State;
            var outcome = ToDomainOutcome(state, call.StoredCount, call.RecordingCount);
            journal.End(outcome, (state.LastStep ?? state.Step).ToString());
            CallMetrics.Ended(script, outcome);
            LogCallEnded(callId, outcome, state.LastStep, call.StoredCount, state.ToStaff.Count, call.RecordingCount);
        }
    }

    private Task RunAsync(IAgiChannel channel, VoiceCall call, CancellationToken ct) =>
        CallRunner.DriveAsync(
            next =>
            {
                var decision = VoiceFlow.Decide(call.State, next);
                call.State = decision.State;
                return decision.Commands;
            },
            (command, c) => ExecuteAsync(channel, call, call.State, command, c),
            () => call.State.IsEnded,
            () => $"Voice step {call.State.Step} issued no command that answers.",
            ct);

    private async Task<FlowEvent?> ExecuteAsync(IAgiChannel channel, VoiceCall call, VoiceState state, FlowCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case Play play:
                call.Journal.PromptPlayed(state.Step, play.Prompts);
                // The caller cannot send tones: nothing interrupts a prompt.
                await ChannelPrompts.PlayAsync(channel, play.Prompts, "", logger, ct).ConfigureAwait(false);
                return new PromptDone();
            case Listen listen:
                return await CallRunner.StoreCallAsync(logger, call.CallId, c => listener.ListenAsync(channel, call, state, listen, c), ct).ConfigureAwait(false);
            case SettleRecordings settle:
                await review.SettleAsync(call, settle, ct).ConfigureAwait(false);
                return null;
            case StoreForReview forReview:
                await review.StoreForReviewAsync(call, forReview, ct).ConfigureAwait(false);
                return null;
            case SetVariable set:
                await channel.SetVariableAsync(set.Name, set.Value, ct).ConfigureAwait(false);
                return null;
            case LookupAccount lookup:
                return await CallRunner.LookupAccountAsync(call.Backend, call.Journal, logger, lookup, ct).ConfigureAwait(false);
            case StoreReading store:
                // Durable before the caller hears "accepted"; the hangup token is not passed (a confirmed reading is kept).
                return await CallRunner.StoreReadingAsync(call.Backend, call.Journal, logger, store, call.CallerId, SubmissionChannel.Voice, state.Step, () =>
                {
                    call.StoredCount++;
                    LogStored(call.CallId, store.Reading.Meter.MeterId, store.Reading.AccountNumber, string.Join(',', store.Reading.Values));
                }, ct).ConfigureAwait(false);
            case EndCall end:
                if (end.Outcome != CallEnding.Operator)
                {
                    await channel.HangupAsync(ct).ConfigureAwait(false);
                }

                // To the operator: returning closes the session and the dialplan routes on the result variable.
                return null;
            default:
                throw new InvalidOperationException($"Unknown command {command}.");
        }
    }

    public static CallOutcome ToDomainOutcome(VoiceState state, int stored, int recorded)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Outcome switch
        {
            CallEnding.Completed when state.RecognitionUnavailable => CallOutcome.Voice,
            CallEnding.Completed when state.NeedsStaff => CallOutcome.NeedsReview,
            CallEnding.Completed => CallOutcome.Accepted,
            CallEnding.Operator => CallOutcome.Operator,
            CallEnding.TechnicalProblem => CallOutcome.TechnicalFailure,
            _ when stored > 0 => CallOutcome.Partial,
            _ when recorded > 0 && state.Outcome == CallEnding.HungUp => CallOutcome.NeedsReview,
            _ => CallOutcome.Abandoned,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice call {CallId} from {CallerId} in {Language}, speech {SpeechLanguage}")]
    private partial void LogCallStarted(string callId, string? callerId, string language, SpeechLanguage speechLanguage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {CallId} hung up at {Step}; {Recordings} recordings kept")]
    private partial void LogHungUp(string callId, VoiceStep? step, int recordings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice call {CallId} ended: {Outcome} at {Step}, {Stored} readings stored, {ToStaff} meters to staff, {Recordings} recordings")]
    private partial void LogCallEnded(string callId, CallOutcome outcome, VoiceStep? step, int stored, int toStaff, int recordings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} stored voice reading of meter {MeterId} of account {Account}: {Values}")]
    private partial void LogStored(string callId, string meterId, string account, string values);
}
