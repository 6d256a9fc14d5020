using System.Globalization;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Tests.Support;

namespace IvrReadings.Speech.Tests.Numbers;

/// <summary>Round trips through <see cref="NumberWriter"/>: every figure to 20 000 and a random spread
/// above, said whole, digit by digit and in pairs, in every language.</summary>
public sealed class NumberParserGeneratedTests
{
    public const int Seed = 20261122;

    [Theory]
    [InlineData(SpeechLanguage.Russian)]
    [InlineData(SpeechLanguage.Ukrainian)]
    [InlineData(SpeechLanguage.English)]
    public void Every_whole_number_up_to_twenty_thousand(SpeechLanguage language)
    {
        for (long value = 0; value <= 20_000; value++)
        {
            AssertParses(NumberWriter.Cardinal(value, language), language, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(SpeechLanguage.Russian)]
    [InlineData(SpeechLanguage.Ukrainian)]
    [InlineData(SpeechLanguage.English)]
    public void Random_whole_numbers_up_to_a_billion(SpeechLanguage language)
    {
        var random = new Random(Seed);
        for (var i = 0; i < 5_000; i++)
        {
            var value = random.NextInt64(0, 1_000_000_000);
            AssertParses(NumberWriter.Cardinal(value, language), language, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(SpeechLanguage.Russian)]
    [InlineData(SpeechLanguage.Ukrainian)]
    [InlineData(SpeechLanguage.English)]
    public void Random_digit_strings_dictated(SpeechLanguage language)
    {
        var random = new Random(Seed);
        for (var i = 0; i < 3_000; i++)
        {
            var digits = RandomDigits(random, random.Next(1, 13));
            AssertParses(NumberWriter.DigitByDigit(digits, language), language, digits);
            AssertParses(NumberWriter.Pairs(digits, language), language, digits);
        }
    }

    [Theory]
    [InlineData(SpeechLanguage.Russian)]
    [InlineData(SpeechLanguage.Ukrainian)]
    [InlineData(SpeechLanguage.English)]
    public void Fraction_after_a_decimal_point_is_dropped(SpeechLanguage language)
    {
        var point = language switch { SpeechLanguage.Russian => "точка", SpeechLanguage.Ukrainian => "кома", _ => "point" };
        var random = new Random(Seed);
        for (var i = 0; i < 1_000; i++)
        {
            var whole = random.NextInt64(0, 1_000_000);
            var fraction = random.Next(0, 1000);
            var text = NumberWriter.Cardinal(whole, language) + " " + point + " " + NumberWriter.Cardinal(fraction, language);
            var parse = AssertParses(text, language, whole.ToString(CultureInfo.InvariantCulture));
            Assert.True(parse.DroppedFraction);
        }
    }

    private static string RandomDigits(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));

    private static NumberParse AssertParses(string text, SpeechLanguage language, string expected)
    {
        var parse = NumberParser.Parse(text, language);
        if (parse.Digits != expected)
        {
            Assert.Fail($"'{text}' ({language}): expected {expected}, got {parse}");
        }

        return parse;
    }
}
