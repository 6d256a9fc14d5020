namespace IvrReadings.CallFlow.Prompts;

public enum GrammaticalGender
{
    Masculine,
    Feminine,
}

public enum PluralForm
{
    One,
    Few,
    Many,
}

/// <summary>
/// Composes numbers from word prompts with the grammar of the language (Asterisk's SAY NUMBER lacks the
/// Russian files and has no Ukrainian at all). ru/uk: одна/две тысячи, тысяча/тысячи/тысяч; en: "six thousand
/// one hundred sixteen". The catalogue holds the words; this class only picks and orders them.
/// </summary>
public static class NumberSpeaker
{
    public const long MaxNumber = 999_999_999_999;

    private static readonly (long Scale, string Name, GrammaticalGender Gender)[] Scales =
    [
        (1_000_000_000, "billion", GrammaticalGender.Masculine),
        (1_000_000, "million", GrammaticalGender.Masculine),
        (1_000, "thousand", GrammaticalGender.Feminine),
    ];

    /// <summary>The word prompts of a cardinal number (0 .. 999 999 999 999).</summary>
    public static IReadOnlyList<string> Number(long value, string language, GrammaticalGender gender = GrammaticalGender.Masculine)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxNumber);
        if (value == 0)
        {
            return ["num-0"];
        }

        var words = new List<string>();
        var rest = value;
        foreach (var (scale, name, scaleGender) in Scales)
        {
            var group = (int)(rest / scale);
            rest %= scale;
            if (group == 0)
            {
                continue;
            }

            // "тысяча", "миллион" rather than "одна тысяча"; English says "one thousand".
            if (!(group == 1 && language != CallLanguages.English))
            {
                AddBelowThousand(words, group, scaleGender);
            }

            words.Add($"num-{name}-{Form(group, language).ToString().ToLowerInvariant()}");
        }

        if (rest > 0)
        {
            AddBelowThousand(words, (int)rest, gender);
        }

        return words;
    }

    /// <summary>Digit by digit (account numbers): "один два три".</summary>
    public static IReadOnlyList<string> Digits(string digits) =>
        digits.Where(char.IsAsciiDigit).Select(c => $"num-{c}").ToArray();

    /// <summary>A day of the month after "from": "с пятнадцатого", "from the fifteenth".</summary>
    public static IReadOnlyList<string> DayFrom(int day) => Day(day, "gen");

    /// <summary>A day of the month after "to": "по двадцать пятое (число)", "to the twenty-fifth".</summary>
    public static IReadOnlyList<string> DayTo(int day) => Day(day, "acc");

    /// <summary>Which noun form goes with the number: 1 тысяча, 2-4 тысячи, 5-20 тысяч, 21 тысяча ...</summary>
    public static PluralForm Form(long value, string language)
    {
        if (language == CallLanguages.English)
        {
            return value == 1 ? PluralForm.One : PluralForm.Many;
        }

        var lastTwo = value % 100;
        var last = value % 10;
        if (lastTwo is >= 11 and <= 14)
        {
            return PluralForm.Many;
        }

        return last switch
        {
            1 => PluralForm.One,
            >= 2 and <= 4 => PluralForm.Few,
            _ => PluralForm.Many,
        };
    }

    private static void AddBelowThousand(List<string> words, int value, GrammaticalGender gender)
    {
        var hundreds = value / 100;
        var rest = value % 100;
        if (hundreds > 0)
        {
            words.Add($"num-{hundreds * 100}");
        }

        if (rest >= 20)
        {
            words.Add($"num-{rest / 10 * 10}");
            rest %= 10;
        }

        if (rest > 0)
        {
            words.Add(Unit(rest, gender));
        }
    }

    private static string Unit(int value, GrammaticalGender gender) =>
        gender == GrammaticalGender.Feminine && value is 1 or 2 ? $"num-{value}-f" : $"num-{value}";

    private static IReadOnlyList<string> Day(int day, string grammaticalCase)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 31);
        if (day <= 20 || day % 10 == 0)
        {
            return [$"ord-{grammaticalCase}-{day}"];
        }

        return [$"num-{day / 10 * 10}", $"ord-{grammaticalCase}-{day % 10}"];
    }
}
