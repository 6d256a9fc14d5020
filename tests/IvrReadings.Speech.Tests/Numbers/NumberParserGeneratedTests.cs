using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Tests.Support;

namespace IvrReadings.Speech.Tests.Numbers;

/// <summary>Round trips through <see cref="NumberWriter"/>: every figure to 20 000, and FsCheck properties above
/// that, said whole, digit by digit and in pairs, in every language.</summary>
public sealed class NumberParserGeneratedTests
{
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

    // Properties (FsCheck): each runs on fresh random input every time; a failure prints the shrunk case and the seed
    // to replay it with [Property(Replay = "...")].
    [Property(MaxTest = 5_000)]
    public Property Whole_numbers_up_to_a_billion_said_whole() =>
        Prop.ForAll(Languages, Below(1_000_000_000), (language, value) =>
            Parses(NumberWriter.Cardinal(value, language), language, Text(value)));

    [Property(MaxTest = 3_000)]
    public Property Digit_strings_dictated_one_by_one_or_in_pairs() =>
        Prop.ForAll(Languages, Digits(1, 12), (language, digits) =>
            Parses(NumberWriter.DigitByDigit(digits, language), language, digits)
            && Parses(NumberWriter.Pairs(digits, language), language, digits));

    [Property(MaxTest = 1_000)]
    public Property Fraction_after_a_decimal_point_is_dropped() =>
        Prop.ForAll(Languages, Below(1_000_000), Below(1000), (language, whole, fraction) =>
        {
            var point = language switch { SpeechLanguage.Russian => "точка", SpeechLanguage.Ukrainian => "кома", _ => "point" };
            var text = NumberWriter.Cardinal(whole, language) + " " + point + " " + NumberWriter.Cardinal(fraction, language);
            var parse = NumberParser.Parse(text, language);
            return parse.Digits == Text(whole) && parse.DroppedFraction;
        });

    private static Arbitrary<SpeechLanguage> Languages =>
        Gen.Elements(SpeechLanguage.Russian, SpeechLanguage.Ukrainian, SpeechLanguage.English).ToArbitrary();

    /// <summary>0 .. limit-1, spread over every order of magnitude (uniform alone would almost never pick a small number).</summary>
    private static Arbitrary<long> Below(long limit) => Arb.From(
        Gen.Choose(0, (int)Math.Ceiling(Math.Log10(limit)))
            .SelectMany(magnitude => Gen.Choose(0, int.MaxValue).Two().Select(pair =>
            {
                var top = Math.Min(limit, (long)Math.Pow(10, magnitude));
                return top <= 1 ? 0 : (((long)pair.Item1 << 31) | (uint)pair.Item2) % top;
            })),
        Shrink);

    private static IEnumerable<long> Shrink(long value) => value == 0 ? [] : [0, value / 10, value / 2, value - 1];

    private static Arbitrary<string> Digits(int minLength, int maxLength) =>
        Gen.Choose(minLength, maxLength)
            .SelectMany(length => Gen.Choose(0, 9).ArrayOf(length))
            .Select(digits => string.Concat(digits.Select(d => (char)('0' + d))))
            .ToArbitrary();

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Parses(string text, SpeechLanguage language, string expected)
    {
        var parse = NumberParser.Parse(text, language);
        return parse.Digits == expected
            ? true
            : throw new Xunit.Sdk.XunitException($"'{text}' ({language}): expected {expected}, got {parse}");
    }

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
