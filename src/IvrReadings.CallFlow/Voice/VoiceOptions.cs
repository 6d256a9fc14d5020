using System.Globalization;
using System.Net;
using IvrReadings.Settings;

namespace IvrReadings.CallFlow.Voice;

/// <summary>Configuration section <c>Voice</c> (env: <c>Voice__MaxRecordingSeconds=15</c>).</summary>
public sealed class VoiceOptions
{
    public const string Section = "Voice";

    /// <summary>AGI script name of the landline number: <c>agi://host:4573/voice</c>.</summary>
    public string ScriptName { get; set; } = "voice";

    /// <summary>
    /// How the caller's answers reach the server: <c>AudioSocket</c> (Asterisk streams them to this server, which ends
    /// each answer on its own silence check; no shared directory) or <c>RecordFile</c> (Asterisk records WAVs into
    /// <c>Recordings:AsteriskDirectory</c>, which must be this server's <c>Recordings:Directory</c>: one host or a share).
    /// </summary>
    public string Capture { get; set; } = CaptureAudioSocket;

    public const string CaptureAudioSocket = "AudioSocket";

    public const string CaptureRecordFile = "RecordFile";

    /// <summary>Where the AudioSocket listener binds (<c>host:port</c>); empty: the FastAGI host, any free port.</summary>
    public string? AudioSocketListen { get; set; }

    /// <summary>
    /// How Asterisk reaches the AudioSocket listener (<c>host:port</c>, behind NAT or a proxy); empty: the listener's
    /// address, or, when it listens on every address, the address Asterisk reached FastAGI at, with the listener's port.
    /// </summary>
    public string? AudioSocketAddress { get; set; }

    /// <summary>With AudioSocket: nothing said this long after the beep is no answer.</summary>
    public double NoAnswerSeconds { get; set; } = 5;

    /// <summary>Longest recording of one answer (RECORD FILE's timeout).</summary>
    public int MaxRecordingSeconds { get; set; } = 15;

    /// <summary>Seconds of silence after speech that end an answer (RECORD FILE's <c>s=</c>; the server's own check with AudioSocket).</summary>
    public double SilenceSeconds { get; set; } = 2;

    /// <summary>
    /// Audio quieter than this (RMS of 20 ms frames, dB below full scale) is silence: an answer with less than 0.1 s
    /// above it is no answer (asked again, never recognized or queued for staff).
    /// </summary>
    public double SilenceLevelDbfs { get; set; } = Audio.VoiceActivity.DefaultThresholdDbfs;

    /// <summary>Longest free recording (all readings at once for staff).</summary>
    public int MaxFreeRecordingSeconds { get; set; } = 60;

    /// <summary>Recordings of the account or of one meter zone ("no", not understood) before it goes to staff.</summary>
    public int MaxTries { get; set; } = 2;

    /// <summary>Recordings recognized at once by the background queue.</summary>
    public int QueueConcurrency { get; set; } = 2;

    /// <summary>How often an idle queue worker looks for work.</summary>
    public int QueuePollMilliseconds { get; set; } = 2000;

    /// <summary>
    /// How long a claim on a queued recording lasts. A worker renews it every third of this while it recognizes, so a
    /// server that dies (or loses the database) frees its work after at most this long, and a slow one keeps it.
    /// </summary>
    public double QueueLeaseSeconds { get; set; } = 30;

    /// <summary>Recognition attempts (no model, engine error) before a recording is marked Failed for staff.</summary>
    public int QueueMaxAttempts { get; set; } = 5;

    /// <summary>Delay before a failed attempt is retried.</summary>
    public int QueueRetrySeconds { get; set; } = 60;

    /// <summary>
    /// Every recording is queued this long after it is made, as a guard: if the server dies before live recognition
    /// stores its result, the queue recognizes it after a restart. A recording already recognized live just leaves the queue.
    /// </summary>
    public int QueueGuardSeconds { get; set; } = 600;

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(Section)
        .NotEmpty(nameof(ScriptName), ScriptName)
        .OneOf(nameof(Capture), Capture, CaptureAudioSocket, CaptureRecordFile)
        .Check(string.IsNullOrWhiteSpace(AudioSocketListen) || IPEndPoint.TryParse(AudioSocketListen, out _), nameof(AudioSocketListen),
            $"must be an address:port to listen on (0.0.0.0:9092; empty: the FastAGI address, any port), not '{AudioSocketListen}'.")
        .Check(string.IsNullOrWhiteSpace(AudioSocketAddress) || IsHostAndPort(AudioSocketAddress), nameof(AudioSocketAddress),
            $"must be host:port as Asterisk reaches this server (10.0.0.5:9092), not '{AudioSocketAddress}'.")
        .Positive(nameof(NoAnswerSeconds), NoAnswerSeconds)
        .AtLeast(nameof(MaxRecordingSeconds), MaxRecordingSeconds, 1)
        .Positive(nameof(SilenceSeconds), SilenceSeconds)
        .Between(nameof(SilenceLevelDbfs), SilenceLevelDbfs, -120.0, -1.0)
        .AtLeast(nameof(MaxFreeRecordingSeconds), MaxFreeRecordingSeconds, 1)
        .AtLeast(nameof(MaxTries), MaxTries, 1)
        .AtLeast(nameof(QueueConcurrency), QueueConcurrency, 1)
        .AtLeast(nameof(QueuePollMilliseconds), QueuePollMilliseconds, 10)
        .Positive(nameof(QueueLeaseSeconds), QueueLeaseSeconds)
        .AtLeast(nameof(QueueMaxAttempts), QueueMaxAttempts, 1)
        .AtLeast(nameof(QueueRetrySeconds), QueueRetrySeconds, 0)
        .AtLeast(nameof(QueueGuardSeconds), QueueGuardSeconds, 0)
        .List;

    private static bool IsHostAndPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort;
    }
}
