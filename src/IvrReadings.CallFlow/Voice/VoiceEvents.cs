using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Voice;

/// <summary>What the recognizer made of one recording, as the voice flow needs it.</summary>
public enum HeardKind
{
    /// <summary>One figure, confidently, that fits (digits, previous reading, jump rule).</summary>
    Figure,

    /// <summary>Speech, but no figure the machine is sure of.</summary>
    Unsure,

    /// <summary>Sound, but no words the recognizer knows (noise).</summary>
    Nothing,

    /// <summary>No answer: no audio, or only silence below the level. Never recognized; the question is asked again.</summary>
    Silence,

    Yes,
    No,

    /// <summary>Neither yes nor no (or both).</summary>
    Unclear,

    /// <summary>No model, or the engine failed: the recording is kept and queued, nothing was recognized.</summary>
    Unavailable,

    /// <summary>Recorded for staff without live recognition (<see cref="ListenKind.Free"/>).</summary>
    Recorded,
}

/// <summary>The answer to <see cref="Listen"/>: the stored recording and what was heard (<paramref name="Digits"/> for a figure).</summary>
public sealed record Heard(long RecordingId, HeardKind Kind, string? Digits = null) : FlowEvent;
