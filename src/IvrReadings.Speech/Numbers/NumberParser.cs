using System.Globalization;
using System.Text;

namespace IvrReadings.Speech.Numbers;

/// <summary>
/// Turns recognized words into a figure. Pure and deterministic: one text, one answer.
/// Rules, in order:
/// <list type="number">
/// <item>Fillers ("э", "ну", "показания", "[unk]") are skipped, but an "[unk]" BETWEEN number words
/// makes the parse ambiguous: the recognizer heard something it could not name where a digit may be.</item>
/// <item>A decimal point word ("точка", "запятая", "кома", "целых") ends the whole part; the rest
/// (the fraction, "пять десятых") is dropped, as callers key readings without it.</item>
/// <item>With "тысяча"/"миллион" the words must form ONE well-formed whole number.</item>
/// <item>Without them, words are read greedily into groups below a thousand ("сто двадцать три",
/// "шестьдесят один", "ноль") and the groups' digits are written one after another, so
/// "один два три" is 123 and "шестьдесят один шестнадцать" is 6116.</item>
/// </list>
/// </summary>
public static class NumberParser
{
    // Values above this do not fit a long; no meter or account is that long.
    private const int MaxDigits = 18;

    public static NumberParse Parse(string? text, SpeechLanguage language) =>
        Parse(WordNormalizer.Tokenize(text), NumberLexicon.For(language));

    public static NumberParse Parse(IReadOnlyList<string> tokens, NumberLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lexicon);

        var whole = new List<NumberWord>();
        var afterPoint = false;
        var droppedFraction = false;
        var unknownSinceNumber = false;

        foreach (var token in tokens)
        {
            if (lexicon.Numbers.TryGetValue(token, out var word))
            {
                if (afterPoint)
                {
                    droppedFraction = true;
                    continue;
                }

                if (unknownSinceNumber)
                {
                    return NumberParse.Ambiguous("an unrecognised sound between number words may hide a digit");
                }

                whole.Add(word);
            }
            else if (lexicon.DecimalPoints.Contains(token))
            {
                if (afterPoint)
                {
                    return NumberParse.Ambiguous($"more than one decimal point ('{token}')");
                }

                if (whole.Count == 0)
                {
                    return NumberParse.NotANumber($"nothing before the decimal point '{token}'");
                }

                afterPoint = true;
            }
            else if (lexicon.FractionWords.Contains(token))
            {
                if (!afterPoint)
                {
                    return NumberParse.NotANumber($"'{token}' names a fraction without a whole part");
                }

                droppedFraction = true;
            }
            else if (token == WordNormalizer.UnknownToken)
            {
                unknownSinceNumber = whole.Count > 0 && !afterPoint;
            }
            else if (!lexicon.Fillers.Contains(token))
            {
                return NumberParse.NotANumber($"'{token}' is not a number word");
            }
        }

        if (whole.Count == 0)
        {
            return NumberParse.NotANumber("no number words heard");
        }

        return whole.Exists(w => w.Kind == NumberWordKind.Multiplier)
            ? ParseWholeNumber(whole, droppedFraction)
            : ParseGroups(whole, droppedFraction);
    }

    private static NumberParse ParseWholeNumber(List<NumberWord> words, bool droppedFraction)
    {
        long total = 0;
        var lastMultiplier = long.MaxValue;
        var i = 0;
        while (i < words.Count)
        {
            if (words[i].Kind == NumberWordKind.Zero)
            {
                return NumberParse.Ambiguous("'zero' inside a number said with thousands");
            }

            var start = i;
            var group = ReadGroup(words, ref i);
            var hasGroup = i > start;

            if (i < words.Count && words[i].Kind == NumberWordKind.Multiplier)
            {
                var multiplier = words[i].Value;
                if (multiplier >= lastMultiplier)
                {
                    return NumberParse.Ambiguous("thousands named more than once: the number may have been said twice");
                }

                // "тысяча двести": a bare multiplier counts once.
                total += (hasGroup ? group : 1) * multiplier;
                lastMultiplier = multiplier;
                i++;
                continue;
            }

            total += group;
            if (i < words.Count)
            {
                return NumberParse.Ambiguous("a number with thousands followed by more digits: said two ways at once");
            }
        }

        return NumberParse.Number(total.ToString(CultureInfo.InvariantCulture), NumberForm.Cardinal, droppedFraction);
    }

    private static NumberParse ParseGroups(List<NumberWord> words, bool droppedFraction)
    {
        var digits = new StringBuilder();
        var groups = 0;
        var i = 0;
        while (i < words.Count)
        {
            if (words[i].Kind == NumberWordKind.Zero)
            {
                digits.Append('0');
                i++;
            }
            else
            {
                digits.Append(ReadGroup(words, ref i).ToString(CultureInfo.InvariantCulture));
            }

            groups++;
            if (digits.Length > MaxDigits)
            {
                return NumberParse.NotANumber($"more than {MaxDigits} digits");
            }
        }

        return NumberParse.Number(digits.ToString(), groups == 1 ? NumberForm.Cardinal : NumberForm.Dictation, droppedFraction);
    }

    // One group below a thousand, longest first: [hundreds] then a teen, or tens [units], or units. Hundreds are one
    // word in Russian and Ukrainian ("шестьсот"), a number and "hundred" in English ("six hundred", "twelve hundred").
    private static long ReadGroup(List<NumberWord> words, ref int i)
    {
        if (i < words.Count && words[i].Kind == NumberWordKind.Hundred)
        {
            var hundreds = words[i++].Value;
            return hundreds + ReadBelowHundred(words, ref i);
        }

        var start = i;
        var small = ReadBelowHundred(words, ref i);
        if (i < words.Count && words[i].Kind == NumberWordKind.HundredMark)
        {
            // A bare "hundred" ("a hundred and ten") counts once.
            i++;
            return (i - 1 > start ? small : 1) * 100 + ReadBelowHundred(words, ref i);
        }

        return small;
    }

    private static long ReadBelowHundred(List<NumberWord> words, ref int i)
    {
        if (i < words.Count && words[i].Kind == NumberWordKind.Teen)
        {
            return words[i++].Value;
        }

        long value = 0;
        if (i < words.Count && words[i].Kind == NumberWordKind.Ten)
        {
            value += words[i++].Value;
        }

        if (i < words.Count && words[i].Kind == NumberWordKind.Unit)
        {
            value += words[i++].Value;
        }

        return value;
    }
}
