using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Tests.Prompts;

/// <summary>
/// The speaker over whole ranges: the words add back up to the number, and each scale word and each unit has the
/// form Slavic grammar asks for (checked by a rule written independently here): every number to 3,000 and the
/// edges of each scale, and FsCheck properties over the whole range.
/// </summary>
public sealed class NumberSpeakerPropertyTests
{
    public static TheoryData<string> Languages => new() { "ru", "uk", "en" };

    private static IEnumerable<long> Samples()
    {
        for (long n = 0; n <= 3000; n++)
        {
            yield return n;
        }

        long[] edges = [10_000, 11_000, 12_000, 14_000, 20_000, 21_000, 22_000, 25_000, 101_000, 111_000, 112_000, 121_000, 1_000_000,
            1_001_000, 2_000_000, 2_002_002, 5_000_000, 11_000_000, 21_021_021, 22_000_000, 100_000_000, 999_999_999, 1_000_000_000,
            2_000_000_001, 999_999_999_999];
        foreach (var n in edges)
        {
            yield return n;
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_words_add_back_up_to_the_number(string lang)
    {
        foreach (var n in Samples())
        {
            Assert.Equal(n, Parse(NumberSpeaker.Number(n, lang)));
        }
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("uk")]
    public void Scale_words_and_units_agree_in_form_and_gender(string lang)
    {
        foreach (var n in Samples())
        {
            AssertFormsAgree(n, lang);
        }
    }

    // FsCheck properties over the whole range (every order of magnitude), fresh cases on every run.
    [Property(MaxTest = 3_000)]
    public Property Any_number_s_words_add_back_up_to_it() =>
        Prop.ForAll(Gen.Elements("ru", "uk", "en").ToArbitrary(), AnyNumber, (lang, n) => Parse(NumberSpeaker.Number(n, lang)) == n);

    [Property(MaxTest = 3_000)]
    public Property Any_number_s_scale_words_and_units_agree_in_form_and_gender() =>
        Prop.ForAll(Gen.Elements("ru", "uk").ToArbitrary(), AnyNumber, (lang, n) => AssertFormsAgree(n, lang));

    private static Arbitrary<long> AnyNumber => Arb.From(
        Gen.Choose(1, 12).SelectMany(digits => Gen.Choose(0, int.MaxValue).Two().Select(pair =>
            ((((long)pair.Item1 << 31) | (uint)pair.Item2) % (long)Math.Pow(10, digits)) % (NumberSpeaker.MaxNumber + 1))),
        n => n == 0 ? [] : [n / 1000, n / 10, n - 1]);

    private static void AssertFormsAgree(long n, string lang)
    {
        var ids = NumberSpeaker.Number(n, lang);
        var thousands = n / 1000 % 1000;
        var millions = n / 1_000_000 % 1000;
        if (thousands > 0)
        {
            Assert.Contains($"num-thousand-{ExpectedForm(thousands)}", ids);
            // одна/две тысячи, but одиннадцать/двенадцать тысяч.
            var feminine = thousands % 100 is not (11 or 12) && thousands % 10 is 1 or 2 && thousands != 1;
            Assert.Equal(feminine, ids.Any(id => id.EndsWith("-f", StringComparison.Ordinal)));
        }

        if (millions > 0)
        {
            Assert.Contains($"num-million-{ExpectedForm(millions)}", ids);
        }

        // Units of the number itself are masculine (a reading is said on its own).
        if (thousands == 0)
        {
            Assert.DoesNotContain(ids, id => id.EndsWith("-f", StringComparison.Ordinal));
        }
    }

    private static string ExpectedForm(long group) =>
        (group % 100 >= 11 && group % 100 <= 14) ? "many" : (group % 10) switch { 1 => "one", 2 or 3 or 4 => "few", _ => "many" };

    private static long Parse(IReadOnlyList<string> ids)
    {
        long total = 0, group = 0;
        foreach (var id in ids)
        {
            var part = id["num-".Length..];
            long scale = part.StartsWith("thousand", StringComparison.Ordinal) ? 1000
                : part.StartsWith("million", StringComparison.Ordinal) ? 1_000_000
                : part.StartsWith("billion", StringComparison.Ordinal) ? 1_000_000_000
                : 0;
            if (scale > 0)
            {
                total += (group == 0 ? 1 : group) * scale;
                group = 0;
            }
            else
            {
                group += long.Parse(part.Replace("-f", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            }
        }

        return total + group;
    }
}
