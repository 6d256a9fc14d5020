namespace IvrReadings.FastAgi;

/// <param name="Digit">The escape digit that stopped playback, or null when it played to the end.</param>
/// <param name="EndPosition">Sample position (8 kHz) where playback stopped.</param>
/// <param name="FileMissing">Asterisk found no such prompt (<c>result=-1 endpos=0</c> on a channel that is still up; a
/// hang-up answered the same way throws <see cref="CallHungUpException"/>).</param>
public sealed record StreamFileResult(char? Digit, long EndPosition, bool FileMissing);

/// <param name="Digits">What the caller typed, without the terminating '#'; leading zeros kept.</param>
/// <param name="TimedOut">The caller stopped typing before '#' or maxdigits.</param>
/// <param name="PromptMissing">Asterisk answered -1 and the channel is still up: the prompt file does not exist (a hang-up,
/// answered the same way, throws <see cref="CallHungUpException"/>).</param>
public sealed record GetDataResult(string Digits, bool TimedOut, bool PromptMissing);

/// <summary>RECORD FILE arguments.</summary>
/// <param name="Path">Absolute path without extension; Asterisk appends <c>.&lt;format&gt;</c>.</param>
public sealed record RecordFileRequest(string Path, string Format = "wav", string EscapeDigits = "#", int MaxMs = 60_000,
    bool Beep = false, int? SilenceSeconds = null, long? Offset = null);

public enum RecordEndReason
{
    Dtmf,
    Timeout,
    Hangup,
    WriteFile,
}

public sealed record RecordFileResult(RecordEndReason EndReason, char? Digit, long EndPosition);
