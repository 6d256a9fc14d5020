namespace IvrReadings.Speech.Evaluation;

public enum EvaluationOutcome
{
    /// <summary>Accepted and equal to the label.</summary>
    Correct,

    /// <summary>Accepted but different from the label: the one outcome that must never happen.</summary>
    WrongButAccepted,

    /// <summary>Sent to staff (low confidence, several figures, nothing fits).</summary>
    NeedsReview,

    /// <summary>No model, unreadable file or engine failure.</summary>
    Error,
}

/// <summary>The result for one labelled recording.</summary>
public sealed record EvaluationItem(
    EvaluationLabel Label,
    EvaluationOutcome Outcome,
    string? Got,
    string? Reason,
    string Heard,
    TimeSpan AudioDuration,
    TimeSpan ProcessingTime);
