using System.Text;

namespace IvrReadings.Speech.Numbers;

/// <summary>
/// Brings recognizer output and table words to one spelling: lower case, ё as е (Vosk models
/// differ in whether they keep ё), apostrophes dropped (Ukrainian п'ять is written with ', ’ or ʼ,
/// or with none at all), punctuation and hyphens as spaces.
/// </summary>
public static class WordNormalizer
{
    public const string UnknownToken = "[unk]";

    public static IReadOnlyList<string> Tokenize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case 'ё':
                    builder.Append('е');
                    break;
                case '\'' or '’' or 'ʼ' or '`' or '´' or '‘':
                    break;
                case '[' or ']':
                    builder.Append(c);
                    break;
                default:
                    builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
                    break;
            }
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static string Normalize(string word)
    {
        var tokens = Tokenize(word);
        return tokens.Count == 1
            ? tokens[0]
            : throw new ArgumentException($"'{word}' is not a single word", nameof(word));
    }
}
