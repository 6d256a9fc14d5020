namespace IvrReadings.Domain;

/// <summary>
/// One line of a call's timeline. <paramref name="Step"/> is the flow step it happened in, <paramref name="Text"/> the
/// prompt id / keys / recognized text / note; <paramref name="Data"/> optional JSON for details (reading id, confidence).
/// </summary>
public sealed record CallEvent(DateTimeOffset At, CallEventKind Kind, string? Step, string? Text, string? Data = null);

/// <summary>A stored timeline line: <see cref="Seq"/> orders events of one call.</summary>
public sealed record CallEventRecord(long Seq, string CallId, CallEvent Event);
