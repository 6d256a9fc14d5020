using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech;

/// <summary>A decision on a spoken figure, with what the engine heard (kept for the staff queue).</summary>
public sealed record SpeechOutcome(SpeechDecision Decision, RecognitionResult Recognition);

/// <summary>A yes/no answer (Unclear goes to a retry or to staff), with what the engine heard.</summary>
public sealed record ConfirmationOutcome(YesNoParse Answer, RecognitionResult Recognition);
