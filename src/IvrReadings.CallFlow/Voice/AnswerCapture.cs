using IvrReadings.Audio;
using IvrReadings.FastAgi;

namespace IvrReadings.CallFlow.Voice;

/// <summary>How a spoken answer ended.</summary>
public enum AnswerEnd
{
    /// <summary>The caller stopped speaking (the configured silence after the answer).</summary>
    Silence,

    /// <summary>The longest answer allowed.</summary>
    MaxLength,

    /// <summary>Nothing said before the time to start speaking ran out.</summary>
    NoAnswer,

    /// <summary>A key ended it (a caller who can send tones after all).</summary>
    Key,

    /// <summary>The caller hung up during the answer.</summary>
    Hangup,

    /// <summary>Asterisk could not record (see <see cref="CapturedAnswer.Problem"/>).</summary>
    Failed,
}

/// <summary>One recorded answer as the server holds it.</summary>
/// <param name="Audio">The caller's audio, or null when this server cannot read it (see <paramref name="Problem"/>).</param>
/// <param name="Problem">Why there is no audio, for the log.</param>
public sealed record CapturedAnswer(AnswerEnd End, PcmAudio? Audio, string? Problem = null);

/// <summary>Beep, then the caller's answer until they stop, as audio this server holds.</summary>
public interface IAnswerCapture
{
    /// <param name="relative">The recording's name, <c>&lt;call&gt;/&lt;step&gt;-&lt;n&gt;</c> (no extension).</param>
    Task<CapturedAnswer> CaptureAsync(IAgiChannel channel, string callId, string relative, int maxSeconds, CancellationToken ct);
}
