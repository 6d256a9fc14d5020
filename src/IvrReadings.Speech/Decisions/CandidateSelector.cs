using System.Globalization;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Decisions;

/// <summary>
/// The shared last step of both choosers: hypotheses that fitted are pooled by figure
/// (several wordings of one figure add up), then one figure is taken only if it clearly wins.
/// </summary>
internal static class CandidateSelector
{
    public static SpeechDecision Select(
        IReadOnlyList<SpeechCandidate> candidates,
        Func<string, string> key,
        DecisionThresholds thresholds)
    {
        if (candidates.Count == 0)
        {
            return new SpeechDecision.NeedsReview("nothing was recognized", candidates);
        }

        var fitting = candidates
            .Where(c => c.Rejection is null && c.Digits is not null)
            .GroupBy(c => key(c.Digits!), StringComparer.Ordinal)
            .Select(g => (Digits: g.First().Digits!, Share: g.Sum(c => c.Confidence)))
            .OrderByDescending(g => g.Share)
            .ToList();

        if (fitting.Count == 0)
        {
            var top = candidates[0];
            return new SpeechDecision.NeedsReview(
                $"no hypothesis fits: best was '{top.Text}' ({top.Rejection})", candidates);
        }

        var best = fitting[0];
        var rivals = fitting.Skip(1).Where(f => f.Share >= thresholds.CompetitorFloor).ToList();
        if (rivals.Count > 0)
        {
            var list = string.Join(", ", fitting.Where(f => f.Share >= thresholds.CompetitorFloor)
                .Select(f => f.Digits + " (" + f.Share.ToString("0.00", CultureInfo.InvariantCulture) + ")"));
            return new SpeechDecision.NeedsReview($"several figures fit: {list}", candidates);
        }

        if (best.Share < thresholds.MinConfidence)
        {
            return new SpeechDecision.NeedsReview(
                $"low confidence {best.Share.ToString("0.00", CultureInfo.InvariantCulture)} for {best.Digits}", candidates);
        }

        var value = long.Parse(best.Digits, CultureInfo.InvariantCulture);
        return new SpeechDecision.Accepted(value, best.Digits, Math.Min(1, best.Share));
    }
}
