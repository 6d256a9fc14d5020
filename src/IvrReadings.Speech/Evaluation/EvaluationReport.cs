using System.Globalization;
using System.Text;

namespace IvrReadings.Speech.Evaluation;

/// <summary>Totals of an evaluation run; <see cref="Passed"/> is the gate: nothing wrong was accepted.</summary>
public sealed record EvaluationReport(IReadOnlyList<EvaluationItem> Items)
{
    public int Total => Items.Count;

    public int Correct => Count(EvaluationOutcome.Correct);

    public int WrongButAccepted => Count(EvaluationOutcome.WrongButAccepted);

    public int NeedsReview => Count(EvaluationOutcome.NeedsReview);

    public int Errors => Count(EvaluationOutcome.Error);

    public double ExactMatchRate => Rate(Correct);

    public double NeedsReviewRate => Rate(NeedsReview);

    public TimeSpan AudioDuration => TimeSpan.FromTicks(Items.Sum(i => i.AudioDuration.Ticks));

    public TimeSpan ProcessingTime => TimeSpan.FromTicks(Items.Sum(i => i.ProcessingTime.Ticks));

    /// <summary>Processing time over audio time; below 1 is faster than real time.</summary>
    public double RealTimeFactor => AudioDuration > TimeSpan.Zero ? ProcessingTime / AudioDuration : 0;

    public bool Passed => WrongButAccepted == 0 && Total > 0;

    public IReadOnlyDictionary<string, EvaluationReport> ByCondition() =>
        Items.GroupBy(i => i.Label.Condition, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new EvaluationReport([.. g]), StringComparer.Ordinal);

    public string ToText(bool listItems = true)
    {
        var text = new StringBuilder();
        text.AppendLine(Summary("all", this));
        var conditions = ByCondition();
        if (conditions.Count > 1)
        {
            foreach (var (condition, report) in conditions)
            {
                text.AppendLine(Summary(condition, report));
            }
        }

        if (listItems)
        {
            foreach (var item in Items.Where(i => i.Outcome != EvaluationOutcome.Correct))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {item.Outcome,-16} {item.Label.File}: expected {item.Label.Expected}, got {item.Got ?? "-"}; heard '{item.Heard}'; {item.Reason}");
            }
        }

        text.AppendLine(Passed ? "PASS: no wrong figure was accepted" : $"FAIL: {WrongButAccepted} wrong figure(s) accepted");
        return text.ToString();
    }

    private static string Summary(string name, EvaluationReport r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-8} n={r.Total} exact={r.ExactMatchRate:P1} wrong-accepted={r.WrongButAccepted} needs-review={r.NeedsReviewRate:P1} errors={r.Errors} audio={r.AudioDuration.TotalSeconds:0.0}s rtf={r.RealTimeFactor:0.000}");

    private int Count(EvaluationOutcome outcome) => Items.Count(i => i.Outcome == outcome);

    private double Rate(int count) => Total == 0 ? 0 : (double)count / Total;
}
