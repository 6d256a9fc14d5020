using System.Text.Json;
using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Speech;
using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DomainOutcome = IvrReadings.Domain.CallOutcome;
using DomainRecognition = IvrReadings.Domain.RecognitionResult;
using FlowOutcome = IvrReadings.CallFlow.Flow.CallOutcome;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// The imperative shell of the voice flow (AGI script <c>voice</c>, and the fallback of the touch-tone flow): executes
/// the commands of <see cref="VoiceFlow"/> on the channel, the recordings, the recognizer and the stores, and keeps the
/// call log. Every recording is stored (linked to call, step, account, meter, zone) before it is recognized.
/// </summary>
public sealed partial class VoiceScriptHandler(
    IAccountStore accounts,
    IReadingStore readings,
    CallLogQueue callLog,
    IRecordingStore recordings,
    SpeechRecognitionService speech,
    RecordingPaths paths,
    Organisation organisation,
    TimeProvider time,
    IOptions<VoiceOptions> options,
    IOptions<SpeechOptions> speechOptions,
    IOptions<CallFlowOptions> callFlowOptions,
    ILogger<VoiceScriptHandler> logger) : IAgiScriptHandler, IVoiceFallback
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(IAgiChannel channel, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var env = channel.Environment;
        var language = ReadingsScriptHandler.ChooseLanguage(env, organisation);
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
        using var scope = CallRunner.BeginCallScope(logger, callId, env);
        var callerId = CallRunner.CallerNumber(env.CallerId);
        var window = organisation.Window.Check(time);
        var journal = new CallJournal(callLog, time, logger, callId);
        var call = new VoiceCall(journal, callerId, SpeechLanguageOf(language), new ReadingsBackend(accounts, readings, organisation, time))
        {
            State = VoiceFlow.Initial(Settings(language, window)),
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
            // An ordinary hangup: confirmed readings are stored; every recording is kept and waits for staff.
            var hungUp = VoiceFlow.Decide(call.State, new HungUp());
            call.State = hungUp.State;
            foreach (var review in hungUp.Commands.OfType<StoreForReview>())
            {
                await StoreForReviewAsync(call, review, CancellationToken.None).ConfigureAwait(false);
            }

            LogHungUp(callId, call.State.LastStep, call.RecordingCount);
        }
        finally
        {
            var state = call.State;
            var outcome = ToDomainOutcome(state, call.StoredCount, call.RecordingCount);
            journal.End(outcome, (state.LastStep ?? state.Step).ToString());
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
                await PlayAsync(channel, play.Prompts, ct).ConfigureAwait(false);
                return new PromptDone();
            case Listen listen:
                return await CallRunner.StoreCallAsync(logger, call.CallId, c => ListenAsync(channel, call, state, listen, c), ct).ConfigureAwait(false);
            case SettleRecordings settle:
                // Best effort: a recording left Uncertain only means staff look at a call that was fine.
                await call.Journal.SafelyAsync(async () =>
                {
                    foreach (var id in settle.RecordingIds)
                    {
                        var heard = call.Heard.GetValueOrDefault(id);
                        await recordings.SetRecognitionAsync(id, new DomainRecognition(RecognitionStatus.Recognized, heard.Text, heard.Json), ct).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
                return null;
            case StoreForReview review:
                await StoreForReviewAsync(call, review, ct).ConfigureAwait(false);
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
            case EndCall:
                await channel.HangupAsync(ct).ConfigureAwait(false);
                return null;
            default:
                throw new InvalidOperationException($"Unknown command {command}.");
        }
    }

    /// <summary>Prompts, beep, record until the caller stops, keep the recording, recognize it.</summary>
    private async Task<FlowEvent?> ListenAsync(IAgiChannel channel, VoiceCall call, VoiceState state, Listen listen, CancellationToken ct)
    {
        call.Journal.PromptPlayed(state.Step, listen.Prompts);
        await PlayAsync(channel, listen.Prompts, ct).ConfigureAwait(false);

        var o = options.Value;
        var relative = RecordingPaths.Relative(call.CallId, listen.Step, ++call.RecordingCount);
        CreateCallDirectory(call.CallId);
        var seconds = listen.Kind == ListenKind.Free ? o.MaxFreeRecordingSeconds : o.MaxRecordingSeconds;
        var request = new RecordFileRequest(paths.AsteriskPath(relative), "wav", "#", Math.Max(1, seconds) * 1000, Beep: true,
            SilenceSeconds: Math.Max(1, o.SilenceSeconds));
        var recorded = await channel.RecordFileAsync(request, ct).ConfigureAwait(false);

        // Kept first, whatever happens next: linked to the call, the step, the account and the meter zone.
        var target = listen.Target;
        var recording = await recordings.AddAsync(new NewRecording(call.CallId, listen.Step, relative + ".wav", time.GetUtcNow(), target.AccountNumber,
            MeterId(target.MeterId), target.Zone is { } zone ? ToDomainZone(zone) : null), enqueue: false, ct).ConfigureAwait(false);
        if (recorded.EndReason == RecordEndReason.Hangup || channel.IsHungUp)
        {
            // The caller is gone: the queue recognizes it for staff.
            await recordings.EnqueueAsync(recording.Id, time.GetUtcNow(), ct).ConfigureAwait(false);
            LogRecorded(call.CallId, recording.Id, relative, recorded.EndReason);
            throw new CallHungUpException(channel.HungUp);
        }

        // A guard: if this server dies before the result below is stored, the queue recognizes the recording after a restart.
        await recordings.EnqueueAsync(recording.Id, time.GetUtcNow().AddSeconds(Math.Max(0, o.QueueGuardSeconds)), ct).ConfigureAwait(false);
        LogRecorded(call.CallId, recording.Id, relative, recorded.EndReason);
        if (recorded.EndReason == RecordEndReason.WriteFile)
        {
            LogWriteFile(call.CallId, request.Path);
        }

        var file = paths.Resolve(relative + ".wav")!;
        if (listen.Kind == ListenKind.Free)
        {
            await recordings.EnqueueAsync(recording.Id, time.GetUtcNow(), ct).ConfigureAwait(false);
            call.Journal.Append(CallEventKind.Recognition, state.Step, null, Data(recording.Id, relative, "queued", HeardKind.Recorded, null));
            return new Heard(recording.Id, HeardKind.Recorded);
        }

        var (heard, engine) = await RecognizeAsync(call, listen, file, ct).ConfigureAwait(false);
        var text = engine.BestText;
        if (engine.Status == EngineStatus.NoModel)
        {
            // Recognized later by the queue (when a model is installed), else it reaches staff as Failed.
            await recordings.EnqueueAsync(recording.Id, time.GetUtcNow(), ct).ConfigureAwait(false);
        }
        else
        {
            var status = engine.Status == EngineStatus.Error ? RecognitionStatus.Failed
                : text.Length == 0 ? RecognitionStatus.NoSpeech
                : RecognitionStatus.Uncertain; // until the caller confirms and it is stored (then Recognized)
            var json = engine.RawJson.Length > 0 ? engine.RawJson : null;
            call.Heard[recording.Id] = (text.Length > 0 ? text : null, json);
            await recordings.SetRecognitionAsync(recording.Id, new DomainRecognition(status, text.Length > 0 ? text : engine.Error, json), ct).ConfigureAwait(false);
        }

        call.Journal.Append(CallEventKind.Recognition, state.Step, text.Length > 0 ? text : null,
            Data(recording.Id, relative, engine.Status.ToString(), heard.Kind, heard.Digits));
        LogHeard(call.CallId, recording.Id, listen.Step, heard.Kind, heard.Digits, text);
        return heard with { RecordingId = recording.Id };
    }

    private async Task<(Heard Heard, Speech.Recognition.RecognitionResult Engine)> RecognizeAsync(VoiceCall call, Listen listen, string file, CancellationToken ct)
    {
        var target = listen.Target;
        if (listen.Kind == ListenKind.YesNo)
        {
            var confirmation = await speech.RecognizeConfirmationAsync(file, call.Language, ct).ConfigureAwait(false);
            var engine = confirmation.Recognition;
            var kind = engine.Status == EngineStatus.NoModel ? HeardKind.Unavailable
                : engine.Status == EngineStatus.Ok && engine.BestText.Length == 0 ? HeardKind.Nothing
                : confirmation.Answer.Answer switch { YesNoAnswer.Yes => HeardKind.Yes, YesNoAnswer.No => HeardKind.No, _ => HeardKind.Unclear };
            return (new Heard(0, kind), engine);
        }

        var outcome = listen.Kind == ListenKind.Account
            ? await speech.RecognizeAccountAsync(file, call.Language,
                new AccountConstraints(Math.Clamp(organisation.AccountDigitsMin, 1, 18), Math.Clamp(organisation.AccountDigitsMax, Math.Clamp(organisation.AccountDigitsMin, 1, 18), 18)), ct)
                .ConfigureAwait(false)
            : await speech.RecognizeReadingAsync(file, call.Language, new MeterConstraints(Math.Clamp(target.Capacity, 1, 18), target.Previous, target.MaxPlausible), ct)
                .ConfigureAwait(false);
        var recognition = outcome.Recognition;
        var heard = recognition.Status switch
        {
            EngineStatus.NoModel => new Heard(0, HeardKind.Unavailable),
            EngineStatus.Error => new Heard(0, HeardKind.Unsure), // this recording is broken; the next one may not be
            _ when outcome.Decision is SpeechDecision.Accepted accepted => new Heard(0, HeardKind.Figure, accepted.Digits),
            _ when recognition.BestText.Length == 0 => new Heard(0, HeardKind.Nothing),
            // Not sure: the best fitting figure goes along, only ever as a guess for staff.
            _ when outcome.Decision is SpeechDecision.NeedsReview review =>
                new Heard(0, HeardKind.Unsure, review.Candidates.FirstOrDefault(c => c.Digits is not null && c.Rejection is null)?.Digits),
            _ => new Heard(0, HeardKind.Unsure),
        };
        return (heard, recognition);
    }

    /// <summary>NeedsReview readings (channel Voice) for a meter left to staff; best effort: its recordings are kept anyway.</summary>
    private async Task StoreForReviewAsync(VoiceCall call, StoreForReview review, CancellationToken ct)
    {
        if (MeterId(review.Meter.MeterId) is not { } meterId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var window = organisation.Window.Check(now);
        var period = window.IsOpen ? window.Month : BillingPeriod.Of(organisation.Window.LocalDate(now));
        var batch = new List<NewReading>();
        for (var i = 0; i < review.Values.Count && i < review.Meter.Registers.Count; i++)
        {
            if (review.Values[i] is { } value)
            {
                batch.Add(new NewReading(meterId, ToDomainZone(review.Meter.Registers[i].Zone), value, period, now, SubmissionChannel.Voice,
                    ReadingStatus.NeedsReview, ReadingFlags.None, call.CallerId, call.CallId));
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        await call.Journal.SafelyAsync(async () =>
        {
            var stored = await readings.SubmitAsync(batch, ct).ConfigureAwait(false);
            LogForReview(call.CallId, review.Meter.MeterId, review.AccountNumber, string.Join(',', review.Values));
            call.Journal.Append(CallEventKind.Note, call.State.Step, "for staff review: " + string.Join(',', review.Values),
                CallJournal.ReadingsData(meterId.ToString(System.Globalization.CultureInfo.InvariantCulture), stored));
        }).ConfigureAwait(false);
    }

    /// <summary>Asterisk does not create folders for RECORD FILE; when it writes elsewhere (a share) this may fail here.</summary>
    private void CreateCallDirectory(string callId)
    {
        try
        {
            Directory.CreateDirectory(paths.CallDirectory(callId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNoCallDirectory(ex, callId, paths.CallDirectory(callId));
        }
    }

    /// <summary>The caller cannot send tones: nothing interrupts a prompt.</summary>
    private Task PlayAsync(IAgiChannel channel, IReadOnlyList<string> prompts, CancellationToken ct) =>
        ChannelPrompts.PlayAsync(channel, prompts, "", logger, ct);

    private static string Data(long recordingId, string file, string engine, HeardKind heard, string? digits) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["recording"] = recordingId,
            ["file"] = file + ".wav",
            ["engine"] = engine,
            ["heard"] = heard.ToString(),
            ["digits"] = digits,
        }, Json);

    private VoiceSettings Settings(string language, WindowStatus window) => new()
    {
        Language = language,
        WindowOpen = window.IsOpen,
        WindowFromDay = organisation.Window.FirstDay,
        WindowToDay = organisation.Window.LastDay,
        AccountMinLength = organisation.AccountDigitsMin,
        AccountMaxLength = organisation.AccountDigitsMax,
        MaxTries = Math.Max(1, options.Value.MaxTries),
        ResultVariable = callFlowOptions.Value.ResultVariable,
    };

    /// <summary>The caller speaks the language of the prompts, recognized with that language's own model (never another's).</summary>
    private SpeechLanguage SpeechLanguageOf(string language) => language switch
    {
        CallLanguages.Ukrainian => SpeechLanguage.Ukrainian,
        CallLanguages.Russian => SpeechLanguage.Russian,
        CallLanguages.English => SpeechLanguage.English,
        _ => SpeechLanguages.TryParse(speechOptions.Value.DefaultLanguage, out var fallback) ? fallback : SpeechLanguage.Russian,
    };

    public static DomainOutcome ToDomainOutcome(VoiceState state, int stored, int recorded)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Outcome switch
        {
            FlowOutcome.Completed when state.RecognitionUnavailable => DomainOutcome.Voice,
            FlowOutcome.Completed when state.NeedsStaff => DomainOutcome.NeedsReview,
            FlowOutcome.Completed => DomainOutcome.Accepted,
            FlowOutcome.TechnicalProblem => DomainOutcome.TechnicalFailure,
            _ when stored > 0 => DomainOutcome.Partial,
            _ when recorded > 0 && state.Outcome == FlowOutcome.HungUp => DomainOutcome.NeedsReview,
            _ => DomainOutcome.Abandoned,
        };
    }

    private static long? MeterId(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static Zone ToDomainZone(FlowZone zone) => zone switch
    {
        FlowZone.Day => Zone.Day,
        FlowZone.Night => Zone.Night,
        FlowZone.Peak => Zone.Peak,
        FlowZone.SemiPeak => Zone.SemiPeak,
        _ => Zone.Total,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice call {CallId} from {CallerId} in {Language}, speech {SpeechLanguage}")]
    private partial void LogCallStarted(string callId, string? callerId, string language, SpeechLanguage speechLanguage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {CallId} hung up at {Step}; {Recordings} recordings kept")]
    private partial void LogHungUp(string callId, VoiceStep? step, int recordings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice call {CallId} ended: {Outcome} at {Step}, {Stored} readings stored, {ToStaff} meters to staff, {Recordings} recordings")]
    private partial void LogCallEnded(string callId, DomainOutcome outcome, VoiceStep? step, int stored, int toStaff, int recordings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} stored voice reading of meter {MeterId} of account {Account}: {Values}")]
    private partial void LogStored(string callId, string meterId, string account, string values);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} left meter {MeterId} of account {Account} to staff with the machine's figures {Values}")]
    private partial void LogForReview(string callId, string meterId, string account, string values);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} recording {RecordingId} {File} ended by {EndReason}")]
    private partial void LogRecorded(string callId, long recordingId, string file, RecordEndReason endReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk could not write {Path} (is the recordings directory shared and writable?)")]
    private partial void LogWriteFile(string callId, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} recording {RecordingId} at {Step}: {Heard} {Digits} (heard \"{Text}\")")]
    private partial void LogHeard(string callId, long recordingId, string step, HeardKind heard, string? digits, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: cannot create the recordings folder {Directory}")]
    private partial void LogNoCallDirectory(Exception ex, string callId, string directory);

    private sealed class VoiceCall(CallJournal journal, string? callerId, SpeechLanguage language, ReadingsBackend backend)
    {
        public CallJournal Journal { get; } = journal;

        public string CallId => Journal.CallId;

        public string? CallerId { get; } = callerId;

        public SpeechLanguage Language { get; } = language;

        public ReadingsBackend Backend { get; } = backend;

        /// <summary>What was heard per recording, to keep when it is settled.</summary>
        public Dictionary<long, (string? Text, string? Json)> Heard { get; } = [];

        /// <summary>Where the call is (kept here so a hangup knows the step it interrupted).</summary>
        public required VoiceState State { get; set; }

        public int StoredCount { get; set; }

        public int RecordingCount { get; set; }
    }
}
