using IvrReadings.Audio;
using IvrReadings.FastAgi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// Answers recorded by Asterisk itself (<c>RECORD FILE</c>, WAV, beep, <c>s=Voice:SilenceSeconds</c>) into
/// <c>Recordings:AsteriskDirectory</c>, then read by this server from <c>Recordings:Directory</c>: the same directory,
/// on one host or on a share. Asterisk's silence detection only counts silence in audio frames that arrive; a phone
/// that sends none runs the recording to its maximum (an empty WAV), which the voice flow then takes as no answer.
/// </summary>
public sealed partial class RecordFileCapture(RecordingPaths paths, IOptions<VoiceOptions> options, ILogger<RecordFileCapture> logger) : IAnswerCapture
{
    public async Task<CapturedAnswer> CaptureAsync(IAgiChannel channel, string callId, string relative, int maxSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        CreateCallDirectory(callId);
        var maxMs = Math.Max(1, maxSeconds) * 1000;
        var request = new RecordFileRequest(paths.AsteriskPath(relative), "wav", "#", maxMs, Beep: true,
            SilenceSeconds: Math.Max(1, (int)Math.Round(options.Value.SilenceSeconds)));
        var recorded = await channel.RecordFileAsync(request, ct).ConfigureAwait(false);
        var end = recorded.EndReason switch
        {
            RecordEndReason.Hangup => AnswerEnd.Hangup,
            RecordEndReason.Dtmf => AnswerEnd.Key,
            RecordEndReason.WriteFile => AnswerEnd.Failed,
            RecordEndReason.TimeLimit => AnswerEnd.MaxLength,
            // With time left Asterisk's "timeout" is its silence detection, or the limit passed while frames still came:
            // the end position tells that maximum from the silence.
            _ when recorded.EndPosition >= (long)maxMs * 8 => AnswerEnd.MaxLength,
            _ => AnswerEnd.Silence,
        };
        if (end == AnswerEnd.Failed)
        {
            LogWriteFile(callId, request.Path);
            return new CapturedAnswer(end, null, $"Asterisk could not write {request.Path}");
        }

        var file = paths.Resolve(relative + ".wav");
        if (file is null || !File.Exists(file))
        {
            LogUnreadable(callId, file ?? relative);
            return new CapturedAnswer(end, null, $"the server cannot read {relative}.wav");
        }

        try
        {
            return new CapturedAnswer(end, WavReader.Read(file));
        }
        catch (Exception ex) when (ex is WavFormatException or IOException)
        {
            return new CapturedAnswer(end, null, ex.Message);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk could not write {Path} (is the recordings directory shared and writable?)")]
    private partial void LogWriteFile(string callId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the server cannot read the recording {File} (is Recordings:Directory the directory Asterisk writes?)")]
    private partial void LogUnreadable(string callId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: cannot create the recordings folder {Directory}")]
    private partial void LogNoCallDirectory(Exception ex, string callId, string directory);
}
