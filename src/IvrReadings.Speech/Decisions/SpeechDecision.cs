namespace IvrReadings.Speech.Decisions;

/// <summary>
/// What to do with a spoken figure: take it, or hand it to staff. There is no third way;
/// the speech layer never guesses between candidates.
/// </summary>
public abstract record SpeechDecision
{
    private SpeechDecision()
    {
    }

    /// <summary>One figure fits and the recognizer is sure enough of it.</summary>
    public sealed record Accepted(long Value, string Digits, double Confidence) : SpeechDecision;

    /// <summary>Staff must listen: <paramref name="Reason"/> says why, <paramref name="Candidates"/> what was heard.</summary>
    public sealed record NeedsReview(string Reason, IReadOnlyList<SpeechCandidate> Candidates) : SpeechDecision;
}

/// <summary>One recognizer hypothesis as staff see it: the words, the figure read from them, and
/// why it was not taken (null when it fitted).</summary>
public sealed record SpeechCandidate(string Text, string? Digits, double Confidence, string? Rejection);
