namespace IvrReadings.Speech.Numbers;

/// <summary>
/// English number words. Hundreds are said as a number and "hundred" ("six hundred", "twelve hundred"), so
/// "hundred" is a <see cref="NumberWordKind.HundredMark"/>; "oh" is zero in dictation ("one oh five"); "and" and
/// "a" are fillers ("a hundred and ten").
/// </summary>
internal static class EnglishNumberWords
{
    public static NumberLexicon Build() => new(SpeechLanguage.English, Numbers(), Words);

    private static readonly LexiconWords Words = new(
        Fillers: ["uh", "um", "er", "erm", "ah", "eh", "hm", "so", "well", "and", "a", "the", "it", "is", "its", "that", "thats", "my", "reading", "meter", "account", "number", WordNormalizer.UnknownToken],
        DecimalPoints: ["point", "dot", "comma", "decimal"],
        FractionWords: ["tenth", "tenths", "hundredth", "hundredths", "thousandth", "thousandths"],
        Yes: ["yes", "yeah", "yep", "yup", "yea", "correct", "right", "sure", "okay", "ok", "affirmative", "exactly", "confirm", "confirmed"],
        No: ["no", "nope", "nah", "wrong", "incorrect", "negative", "cancel"],
        Negations: ["not"]);

    private static IEnumerable<(long, NumberWordKind, string[])> Numbers()
    {
        yield return (0, NumberWordKind.Zero, ["zero", "oh", "o", "nought", "naught", "nil"]);

        string[] units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        for (var i = 0; i < units.Length; i++)
        {
            yield return (i + 1, NumberWordKind.Unit, [units[i]]);
        }

        string[] teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (var i = 0; i < teens.Length; i++)
        {
            yield return (10 + i, NumberWordKind.Teen, [teens[i]]);
        }

        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (var i = 0; i < tens.Length; i++)
        {
            yield return ((i + 2) * 10, NumberWordKind.Ten, [tens[i]]);
        }

        yield return (100, NumberWordKind.HundredMark, ["hundred", "hundreds"]);
        yield return (1_000, NumberWordKind.Multiplier, ["thousand", "thousands"]);
        yield return (1_000_000, NumberWordKind.Multiplier, ["million", "millions"]);
    }
}
