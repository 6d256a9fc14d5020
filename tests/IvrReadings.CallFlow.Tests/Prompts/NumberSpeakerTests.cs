using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Tests.Prompts;

public sealed class NumberSpeakerTests
{
    private static string Say(long n, string lang, GrammaticalGender gender = GrammaticalGender.Masculine) =>
        PromptCatalogue.Default.Phrase(NumberSpeaker.Number(n, lang, gender), lang);

    [Theory]
    [InlineData(0, "ноль")]
    [InlineData(1, "один")]
    [InlineData(2, "два")]
    [InlineData(5, "пять")]
    [InlineData(10, "десять")]
    [InlineData(11, "одиннадцать")]
    [InlineData(12, "двенадцать")]
    [InlineData(14, "четырнадцать")]
    [InlineData(19, "девятнадцать")]
    [InlineData(20, "двадцать")]
    [InlineData(21, "двадцать один")]
    [InlineData(40, "сорок")]
    [InlineData(99, "девяносто девять")]
    [InlineData(100, "сто")]
    [InlineData(101, "сто один")]
    [InlineData(111, "сто одиннадцать")]
    [InlineData(200, "двести")]
    [InlineData(342, "триста сорок два")]
    [InlineData(999, "девятьсот девяносто девять")]
    [InlineData(1000, "тысяча")]
    [InlineData(1001, "тысяча один")]
    [InlineData(2000, "две тысячи")]
    [InlineData(2002, "две тысячи два")]
    [InlineData(3000, "три тысячи")]
    [InlineData(4500, "четыре тысячи пятьсот")]
    [InlineData(5000, "пять тысяч")]
    [InlineData(6116, "шесть тысяч сто шестнадцать")]
    [InlineData(11000, "одиннадцать тысяч")]
    [InlineData(12000, "двенадцать тысяч")]
    [InlineData(14999, "четырнадцать тысяч девятьсот девяносто девять")]
    [InlineData(21000, "двадцать одна тысяча")]
    [InlineData(22000, "двадцать две тысячи")]
    [InlineData(25000, "двадцать пять тысяч")]
    [InlineData(101000, "сто одна тысяча")]
    [InlineData(111000, "сто одиннадцать тысяч")]
    [InlineData(112345, "сто двенадцать тысяч триста сорок пять")]
    [InlineData(999999, "девятьсот девяносто девять тысяч девятьсот девяносто девять")]
    [InlineData(1000000, "миллион")]
    [InlineData(2000000, "два миллиона")]
    [InlineData(5000000, "пять миллионов")]
    [InlineData(21000000, "двадцать один миллион")]
    [InlineData(1001001, "миллион тысяча один")]
    [InlineData(2002002, "два миллиона две тысячи два")]
    [InlineData(123456789, "сто двадцать три миллиона четыреста пятьдесят шесть тысяч семьсот восемьдесят девять")]
    [InlineData(999999999, "девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять")]
    [InlineData(1000000000, "миллиард")]
    [InlineData(3000000005, "три миллиарда пять")]
    public void Russian(long n, string expected) => Assert.Equal(expected, Say(n, "ru"));

    [Theory]
    [InlineData(0, "нуль")]
    [InlineData(1, "один")]
    [InlineData(2, "два")]
    [InlineData(11, "одинадцять")]
    [InlineData(15, "п'ятнадцять")]
    [InlineData(21, "двадцять один")]
    [InlineData(200, "двісті")]
    [InlineData(1000, "тисяча")]
    [InlineData(1001, "тисяча один")]
    [InlineData(2000, "дві тисячі")]
    [InlineData(3000, "три тисячі")]
    [InlineData(4000, "чотири тисячі")]
    [InlineData(5000, "п'ять тисяч")]
    [InlineData(6116, "шість тисяч сто шістнадцять")]
    [InlineData(11000, "одинадцять тисяч")]
    [InlineData(12000, "дванадцять тисяч")]
    [InlineData(21000, "двадцять одна тисяча")]
    [InlineData(22000, "двадцять дві тисячі")]
    [InlineData(25000, "двадцять п'ять тисяч")]
    [InlineData(1000000, "мільйон")]
    [InlineData(2000000, "два мільйони")]
    [InlineData(5000000, "п'ять мільйонів")]
    [InlineData(11000000, "одинадцять мільйонів")]
    [InlineData(123456789, "сто двадцять три мільйони чотириста п'ятдесят шість тисяч сімсот вісімдесят дев'ять")]
    public void Ukrainian(long n, string expected) => Assert.Equal(expected, Say(n, "uk"));

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(7, "seven")]
    [InlineData(13, "thirteen")]
    [InlineData(45, "forty five")]
    [InlineData(100, "one hundred")]
    [InlineData(1000, "one thousand")]
    [InlineData(2000, "two thousand")]
    [InlineData(6116, "six thousand one hundred sixteen")]
    [InlineData(21000, "twenty one thousand")]
    [InlineData(1000000, "one million")]
    [InlineData(123456789, "one hundred twenty three million four hundred fifty six thousand seven hundred eighty nine")]
    public void English(long n, string expected) => Assert.Equal(expected, Say(n, "en"));

    [Theory]
    [InlineData(1, "ru", "одна")]
    [InlineData(2, "ru", "две")]
    [InlineData(22, "ru", "двадцать две")]
    [InlineData(1, "uk", "одна")]
    [InlineData(2, "uk", "дві")]
    [InlineData(5, "uk", "п'ять")]
    public void FeminineUnits(long n, string lang, string expected) =>
        Assert.Equal(expected, Say(n, lang, GrammaticalGender.Feminine));

    [Theory]
    [InlineData(1, PluralForm.One)]
    [InlineData(2, PluralForm.Few)]
    [InlineData(4, PluralForm.Few)]
    [InlineData(5, PluralForm.Many)]
    [InlineData(11, PluralForm.Many)]
    [InlineData(12, PluralForm.Many)]
    [InlineData(14, PluralForm.Many)]
    [InlineData(21, PluralForm.One)]
    [InlineData(22, PluralForm.Few)]
    [InlineData(111, PluralForm.Many)]
    [InlineData(101, PluralForm.One)]
    [InlineData(0, PluralForm.Many)]
    public void SlavicPluralForms(long n, PluralForm expected)
    {
        Assert.Equal(expected, NumberSpeaker.Form(n, "ru"));
        Assert.Equal(expected, NumberSpeaker.Form(n, "uk"));
    }

    [Theory]
    [InlineData(15, 25, "ru", "пятнадцатого двадцать пятое")]
    [InlineData(18, 20, "ru", "восемнадцатого двадцатое")]
    [InlineData(23, 26, "ru", "двадцать третьего двадцать шестое")]
    [InlineData(1, 31, "ru", "первого тридцать первое")]
    [InlineData(15, 25, "uk", "п'ятнадцятого двадцять п'яте")]
    [InlineData(15, 25, "en", "fifteenth twenty fifth")]
    public void DaysOfMonth(int from, int to, string lang, string expected)
    {
        var ids = NumberSpeaker.DayFrom(from).Concat(NumberSpeaker.DayTo(to));
        Assert.Equal(expected, PromptCatalogue.Default.Phrase(ids, lang));
    }

    [Fact]
    public void Digits_are_spoken_one_by_one() =>
        Assert.Equal("один два три четыре пять шесть семь", PromptCatalogue.Default.Phrase(NumberSpeaker.Digits("1234567"), "ru"));

    [Fact]
    public void Every_number_up_to_a_million_uses_only_catalogue_words_in_every_language()
    {
        // Also checks the generated WAV exists for each word, so Asterisk never plays a missing file.
        var used = new HashSet<string>();
        for (long n = 0; n < 1_000_000; n += 7)
        {
            foreach (var lang in CallLanguages.All)
            {
                used.UnionWith(NumberSpeaker.Number(n, lang));
                used.UnionWith(NumberSpeaker.Number(n, lang, GrammaticalGender.Feminine));
            }
        }

        used.UnionWith(NumberSpeaker.Number(999_999_999_999, "ru"));
        used.UnionWith(NumberSpeaker.Number(2_002_000_000, "ru"));
        used.UnionWith(NumberSpeaker.Number(5_005_000_000, "ru"));
        for (var d = 1; d <= 31; d++)
        {
            used.UnionWith(NumberSpeaker.DayFrom(d));
            used.UnionWith(NumberSpeaker.DayTo(d));
        }

        foreach (var id in used)
        {
            Assert.True(PromptCatalogue.Default.Contains(id), id);
            foreach (var lang in CallLanguages.All)
            {
                Assert.True(File.Exists(SoundsDirectory.Wav(lang, id)), $"{lang}/{id}.wav");
            }
        }
    }

    [Fact]
    public void Numbers_above_the_range_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberSpeaker.Number(NumberSpeaker.MaxNumber + 1, "ru"));
}
