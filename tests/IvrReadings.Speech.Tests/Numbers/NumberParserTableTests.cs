using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Tests.Numbers;

/// <summary>The hand-written tables in Cases/*.tsv: one row per way a caller may say a figure.</summary>
public sealed class NumberParserTableTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (language, expected, text) in Load())
        {
            data.Add(language, expected, text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_table_row(string language, string expected, string text)
    {
        var parse = NumberParser.Parse(text, SpeechLanguages.Parse(language));

        switch (expected)
        {
            case "?":
                Assert.Equal(NumberParseStatus.Ambiguous, parse.Status);
                Assert.False(string.IsNullOrEmpty(parse.Reason));
                break;
            case "-":
                Assert.Equal(NumberParseStatus.NotANumber, parse.Status);
                Assert.False(string.IsNullOrEmpty(parse.Reason));
                break;
            default:
                Assert.True(parse.IsNumber, $"'{text}': {parse}");
                Assert.Equal(expected, parse.Digits);
                Assert.Equal(long.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parse.Value);
                break;
        }
    }

    [Fact]
    public void Tables_hold_hundreds_of_rows()
    {
        var rows = Load().ToList();
        Assert.True(rows.Count >= 300, $"{rows.Count} rows");
        Assert.Contains(rows, r => r.Language == "uk");
        Assert.Contains(rows, r => r.Language == "en");
    }

    internal static IEnumerable<(string Language, string Expected, string Text)> Load()
    {
        foreach (var language in new[] { "ru", "uk", "en" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Numbers", "Cases", language + ".tsv");
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                yield return (language, line[..tab], line[(tab + 1)..]);
            }
        }
    }
}
