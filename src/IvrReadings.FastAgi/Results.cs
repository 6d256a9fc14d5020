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

    /// <summary><c>(timeout)</c> with time left (a result above 0, the milliseconds Asterisk had left to wait): its
    /// silence detection ended the recording, or the limit passed while frames were still arriving (the end position
    /// then reaches the limit).</summary>
    Timeout,
    Hangup,
    WriteFile,

    /// <summary><c>result=0 (timeout)</c>: the limit passed while Asterisk was still waiting for a frame. A phone that
    /// stops sending frames after speaking ends this way, its end position counting only the frames that came.</summary>
    TimeLimit,
}

public sealed record RecordFileResult(RecordEndReason EndReason, char? Digit, long EndPosition);
