using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Decisions;

/// <summary>Picks the meter reading from the recognizer's N-best, or says why staff must decide.</summary>
public sealed class ReadingChooser
{
    private readonly DecisionThresholds _thresholds;

    public ReadingChooser(DecisionThresholds? thresholds = null) => _thresholds = thresholds ?? DecisionThresholds.Default;

    public SpeechDecision Choose(IReadOnlyList<RecognitionAlternative> alternatives, SpeechLanguage language, MeterConstraints meter)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        ArgumentNullException.ThrowIfNull(meter);

        var candidates = alternatives.Select(a => Judge(a, language, meter)).ToList();
        // Readings compare by value: "ноль сорок два" and "сорок два" are the same figure.
        return CandidateSelector.Select(candidates, digits => digits.TrimStart('0'), _thresholds);
    }

    private static SpeechCandidate Judge(RecognitionAlternative alternative, SpeechLanguage language, MeterConstraints meter)
    {
        var parse = NumberParser.Parse(alternative.Text, language);
        if (!parse.IsNumber)
        {
            return new SpeechCandidate(alternative.Text, null, alternative.Confidence, parse.Reason);
        }

        var value = parse.Value!.Value;
        return new SpeechCandidate(alternative.Text, value.ToString(System.Globalization.CultureInfo.InvariantCulture), alternative.Confidence, meter.Reject(value));
    }
}
