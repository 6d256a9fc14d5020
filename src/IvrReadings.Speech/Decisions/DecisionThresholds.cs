namespace IvrReadings.Speech.Decisions;

/// <summary>
/// How sure is sure enough. A figure is taken only when its share of the N-best is at least
/// <see cref="MinConfidence"/> AND no other fitting figure holds <see cref="CompetitorFloor"/> or more.
/// </summary>
public sealed record DecisionThresholds(double MinConfidence = 0.75, double CompetitorFloor = 0.05)
{
    public static DecisionThresholds Default { get; } = new();
}
