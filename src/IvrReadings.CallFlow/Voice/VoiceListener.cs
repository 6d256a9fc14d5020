using System.Text.Json;
using IvrReadings.Audio;
using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Runner;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.JsonWriting;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DomainRecognition = IvrReadings.Domain.RecognitionResult;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// The voice flow's <see cref="Listen"/>: prompts, beep, the caller's answer, the recording kept (linked to the call,
/// the step, the account and the meter zone) before anything else, then recognized. An answer without voice (no audio
/// frames, or only silence below <c>Voice:SilenceLevelDbfs</c>) is "no answer": kept as <c>NoAnswer</c>, never
/// recognized, never queued for staff as speech.
/// </summary>
internal sealed partial class VoiceListener(
    IAnswerCapture capture,
    IRecordingStore recordings,
    VoiceRecognition recognition,
    TimeProvider time,
    IOptions<VoiceOptions> options,
    RecordingPaths paths,
    ILogger<VoiceListener> logger)
{
    private static readonly JsonWriterOptions CyrillicAsText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<FlowEvent?> ListenAsync(IAgiChannel channel, VoiceCall call, VoiceState state, Listen listen, CancellationToken ct)
    {
        call.Journal.PromptPlayed(state.Step, listen.Prompts);
        await ChannelPrompts.PlayAsync(channel, listen.Prompts, "", logger, ct).ConfigureAwait(false);

        var o = options.Value;
        var relative = RecordingPaths.Relative(call.CallId, listen.Step, ++call.RecordingCount);
        var seconds = listen.Kind == ListenKind.Free ? o.MaxFreeRecordingSeconds : o.MaxRecordingSeconds;
        var answer = await capture.CaptureAsync(channel, call.CallId, relative, seconds, ct).ConfigureAwait(false);

        // Kept first, whatever happens next: linked to the call, the step, the account and the meter zone.
        var target = listen.Target;
        var recording = await recordings.AddAsync(new NewRecording(call.CallId, listen.Step, relative + ".wav", time.GetUtcNow(), target.AccountNumber,
            VoiceIds.MeterId(target.MeterId), target.Zone is { } zone ? VoiceIds.ToDomainZone(zone) : null), enqueue: false, ct).ConfigureAwait(false);
        if (answer.Audio is { } kept)
        {
            // In the database too: any server recognizes it and plays it to staff, whichever took the call.
            await recordings.SaveAudioAsync(recording.Id, new RecordingAudio(RecordingAudio.Wav, WavWriter.ToBytes(kept)), ct).ConfigureAwait(false);
        }

        var noAnswer = answer.End == AnswerEnd.NoAnswer || (answer.Audio is { } audio && !VoiceActivity.HasVoice(audio, o.SilenceLevelDbfs));
        LogRecorded(call.CallId, recording.Id, relative, answer.End, answer.Audio?.Duration.TotalSeconds, noAnswer);
        if (answer.End == AnswerEnd.Hangup || channel.IsHungUp)
        {
            // The caller is gone: the queue recognizes what they said for staff (nothing, when they said nothing).
            await (noAnswer ? MarkNoAnswerAsync(recording.Id, ct) : recordings.EnqueueAsync(recording.Id, time.GetUtcNow(), ct)).ConfigureAwait(false);
            throw new CallHungUpException(channel.HungUp);
        }

        if (noAnswer)
        {
            await MarkNoAnswerAsync(recording.Id, ct).ConfigureAwait(false);
            call.Journal.Append(CallEventKind.Recognition, state.Step, null, Data(recording.Id, relative, "no answer", HeardKind.Silence, null));
            return new Heard(recording.Id, HeardKind.Silence);
        }

        // A guard: if this server dies before the result below is stored, the queue recognizes the recording after a restart.
        await recordings.EnqueueAsync(recording.Id, time.GetUtcNow().AddSeconds(Math.Max(0, o.QueueGuardSeconds)), ct).ConfigureAwait(false);
        if (listen.Kind == ListenKind.Free)
        {
            await recordings.EnqueueAsync(recording.Id, time.GetUtcNow(), ct).ConfigureAwait(false);
            call.Journal.Append(CallEventKind.Recognition, state.Step, null, Data(recording.Id, relative, "queued", HeardKind.Recorded, null));
            return new Heard(recording.Id, HeardKind.Recorded);
        }

        var (heard, engine) = await recognition.RecognizeAsync(call.Language, listen, paths.Resolve(relative + ".wav")!, ct).ConfigureAwait(false);
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

    /// <summary>Nothing to recognize and nothing for staff: the recording is kept, the queue does not see it.</summary>
    private Task MarkNoAnswerAsync(long recordingId, CancellationToken ct) =>
        recordings.SetRecognitionAsync(recordingId, new DomainRecognition(RecognitionStatus.NoAnswer, null, null), ct);

    private static string Data(long recordingId, string file, string engine, HeardKind heard, string? digits) => JsonText.String(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("recording", recordingId);
        json.WriteString("file", file + ".wav");
        json.WriteString("engine", engine);
        json.WriteString("heard", heard.ToString());
        json.WriteString("digits", digits);
        json.WriteEndObject();
    }, CyrillicAsText);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} recording {RecordingId} {File} ended by {End} ({Seconds:0.0} s of audio; no answer: {NoAnswer})")]
    private partial void LogRecorded(string callId, long recordingId, string file, AnswerEnd end, double? seconds, bool noAnswer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} recording {RecordingId} at {Step}: {Heard} {Digits} (heard \"{Text}\")")]
    private partial void LogHeard(string callId, long recordingId, string step, HeardKind heard, string? digits, string text);
}
