using System.Globalization;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Decisions;

/// <summary>A yes/no decision over the N-best, with the same thresholds as figures.</summary>
public sealed class ConfirmationChooser
{
    private readonly DecisionThresholds _thresholds;

    public ConfirmationChooser(DecisionThresholds? thresholds = null) => _thresholds = thresholds ?? DecisionThresholds.Default;

    public YesNoParse Choose(IReadOnlyList<RecognitionAlternative> alternatives, SpeechLanguage language)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        if (alternatives.Count == 0)
        {
            return YesNoParse.Unclear("nothing was recognized");
        }

        var yes = 0.0;
        var no = 0.0;
        foreach (var alternative in alternatives)
        {
            var parse = YesNoParser.Parse(alternative.Text, language);
            if (parse.Answer == YesNoAnswer.Yes)
            {
                yes += alternative.Confidence;
            }
            else if (parse.Answer == YesNoAnswer.No)
            {
                no += alternative.Confidence;
            }
        }

        var (answer, share, rival) = yes >= no ? (YesNoParse.Yes, yes, no) : (YesNoParse.No, no, yes);
        if (share == 0)
        {
            return YesNoParser.Parse(alternatives[0].Text, language);
        }

        if (rival >= _thresholds.CompetitorFloor)
        {
            return YesNoParse.Unclear($"heard both yes ({F(yes)}) and no ({F(no)})");
        }

        return share >= _thresholds.MinConfidence ? answer : YesNoParse.Unclear($"low confidence {F(share)}");
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
