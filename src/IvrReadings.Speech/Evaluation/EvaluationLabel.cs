using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Evaluation;

public enum EvaluationKind
{
    Reading,
    Account,
    YesNo,
}

/// <summary>One row of labels.csv: <c>file,expected,language[,kind[,condition]]</c>.</summary>
public sealed record EvaluationLabel(string File, string Expected, SpeechLanguage Language, EvaluationKind Kind, string Condition)
{
    public static IReadOnlyList<EvaluationLabel> ReadCsv(string path)
    {
        var labels = new List<EvaluationLabel>();
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            lineNumber++;
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#') || (lineNumber == 1 && fields[0] == "file"))
            {
                continue;
            }

            if (fields.Length < 3)
            {
                throw new FormatException($"{path}:{lineNumber}: expected file,expected,language[,kind[,condition]]");
            }

            if (!SpeechLanguages.TryParse(fields[2], out var language))
            {
                throw new FormatException($"{path}:{lineNumber}: unknown language '{fields[2]}'");
            }

            var kind = fields.Length > 3 && fields[3].Length > 0 ? ParseKind(fields[3], path, lineNumber) : EvaluationKind.Reading;
            var condition = fields.Length > 4 && fields[4].Length > 0 ? fields[4] : "all";
            labels.Add(new EvaluationLabel(fields[0], fields[1], language, kind, condition));
        }

        return labels;
    }

    private static EvaluationKind ParseKind(string kind, string path, int lineNumber) => kind.ToLowerInvariant() switch
    {
        "reading" => EvaluationKind.Reading,
        "account" => EvaluationKind.Account,
        "yesno" or "confirmation" => EvaluationKind.YesNo,
        _ => throw new FormatException($"{path}:{lineNumber}: unknown kind '{kind}' (reading, account, yesno)"),
    };
}
