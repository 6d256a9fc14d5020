using System.Text.Json;

namespace IvrReadings.Speech.Recognition;

/// <summary>
/// Reads Vosk's result JSON in both shapes: N-best (<c>{"alternatives":[{"text","confidence"}]}</c>)
/// and single-best (<c>{"text", "result":[{"word","conf"}]}</c>). An utterance with pauses arrives
/// in several segments; their hypotheses are combined so the N-best covers the whole utterance.
/// </summary>
public static class VoskResultParser
{
    public static IReadOnlyList<RecognitionAlternative> Parse(string json, int maxAlternatives = 10, double scoreScale = 1.0) =>
        Parse([json], maxAlternatives, scoreScale);

    /// <param name="segmentJsons">Vosk results in order, one per segment.</param>
    /// <param name="maxAlternatives">How many hypotheses to keep.</param>
    /// <param name="scoreScale">Lattice scores are multiplied by this before the softmax: below 1
    /// flattens over-sure shares. Calibrate it with <c>speech eval</c> on labelled recordings.</param>
    public static IReadOnlyList<RecognitionAlternative> Parse(IReadOnlyList<string> segmentJsons, int maxAlternatives = 10, double scoreScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(segmentJsons);
        var limit = Math.Max(1, maxAlternatives);
        List<RecognitionAlternative> combined = [];
        foreach (var json in segmentJsons)
        {
            var segment = ParseSegment(json, scoreScale);
            if (segment.Count == 0 || segment.All(a => a.Text.Length == 0))
            {
                continue;
            }

            combined = combined.Count == 0 ? [.. segment] : Combine(combined, segment, limit);
        }

        return [.. Merge(combined).OrderByDescending(a => a.Confidence).Take(limit)];
    }

    private static List<RecognitionAlternative> ParseSegment(string json, double scoreScale)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            // A stored multi-segment result: parse each element in turn.
            return [.. Parse([.. root.EnumerateArray().Select(e => e.GetRawText())], int.MaxValue, scoreScale)];
        }

        if (root.TryGetProperty("alternatives", out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
        {
            var raw = alternatives.EnumerateArray()
                .Select(a => (Text: TextOf(a), Score: a.TryGetProperty("confidence", out var c) ? c.GetDouble() : 0))
                .ToList();
            var shares = ToShares(raw.Select(r => r.Score).ToList(), scoreScale);
            return [.. raw.Select((r, i) => new RecognitionAlternative(r.Text, shares[i], r.Score))];
        }

        var text = TextOf(root);
        var confidence = 1.0;
        if (root.TryGetProperty("result", out var words) && words.ValueKind == JsonValueKind.Array)
        {
            // The weakest word bounds the utterance: one doubtful digit makes the figure doubtful.
            foreach (var word in words.EnumerateArray())
            {
                if (word.TryGetProperty("conf", out var conf))
                {
                    confidence = Math.Min(confidence, conf.GetDouble());
                }
            }
        }

        return [new RecognitionAlternative(text, confidence, null)];
    }

    private static string TextOf(JsonElement element) =>
        element.TryGetProperty("text", out var text) ? (text.GetString() ?? "").Trim() : "";

    // Vosk documents N-best confidences as shares but returns lattice scores (often in the
    // hundreds). Shares pass through; scores become a softmax, which is what their differences mean.
    private static double[] ToShares(List<double> scores, double scale)
    {
        if (scores.Count == 0)
        {
            return [];
        }

        if (scores.All(s => s is >= 0 and <= 1) && scores.Sum() <= 1.0001)
        {
            return [.. scores];
        }

        var max = scores.Max();
        var exps = scores.Select(s => Math.Exp((s - max) * scale)).ToArray();
        var sum = exps.Sum();
        return [.. exps.Select(e => e / sum)];
    }

    private static List<RecognitionAlternative> Combine(List<RecognitionAlternative> left, List<RecognitionAlternative> right, int limit) =>
        [.. left.SelectMany(l => right.Select(r => new RecognitionAlternative(
                Join(l.Text, r.Text),
                l.Confidence * r.Confidence,
                l.Score is { } ls && r.Score is { } rs ? ls + rs : null)))
            .OrderByDescending(a => a.Confidence)
            .Take((int)Math.Min(int.MaxValue, 4L * limit))];

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + " " + b;

    // Different segmentations can yield the same words; their shares add up.
    private static IEnumerable<RecognitionAlternative> Merge(List<RecognitionAlternative> alternatives) =>
        alternatives
            .GroupBy(a => a.Text, StringComparer.Ordinal)
            .Select(g => new RecognitionAlternative(g.Key, Math.Min(1, g.Sum(a => a.Confidence)), g.First().Score));
}
