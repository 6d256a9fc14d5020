using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Tests.Numbers;

public sealed class NumberLexiconTests
{
    [Theory]
    [InlineData(SpeechLanguage.Russian)]
    [InlineData(SpeechLanguage.Ukrainian)]
    [InlineData(SpeechLanguage.English)]
    public void Number_grammar_ends_with_unk_and_has_no_duplicates(SpeechLanguage language)
    {
        var words = RecognitionGrammar.Numbers(language).Words();

        Assert.Equal("[unk]", words[^1]);
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.True(words.Count > (language == SpeechLanguage.English ? 40 : 150), $"{words.Count} words");
    }

    [Theory]
    [InlineData(SpeechLanguage.Russian, "да")]
    [InlineData(SpeechLanguage.Ukrainian, "так")]
    [InlineData(SpeechLanguage.English, "yes")]
    public void Yes_no_grammar_has_the_yes_word(SpeechLanguage language, string yes) =>
        Assert.Contains(yes, RecognitionGrammar.YesNo(language).Words());

    [Theory]
    [InlineData(SpeechLanguage.Russian, "трех", "трёх")]
    [InlineData(SpeechLanguage.Ukrainian, "п'ять", "пять")]
    [InlineData(SpeechLanguage.Ukrainian, "п’ять", "дев'ятсот")]
    public void Grammar_lists_every_spelling_a_model_may_use(SpeechLanguage language, string one, string other)
    {
        var words = RecognitionGrammar.Numbers(language).Words();

        Assert.Contains(one, words);
        Assert.Contains(other, words);
    }

    [Fact]
    public void Free_grammar_has_no_words() => Assert.Empty(RecognitionGrammar.Free(SpeechLanguage.Russian).Words());

    [Theory]
    [InlineData("Шесть  Тысяч, сто-шестнадцать!", "шесть|тысяч|сто|шестнадцать")]
    [InlineData("трёх", "трех")]
    [InlineData("п’ять пʼять п'ять", "пять|пять|пять")]
    [InlineData("[unk] один", "[unk]|один")]
    [InlineData("", "")]
    public void Normalizer_tokenizes(string text, string expected) =>
        Assert.Equal(expected, string.Join('|', WordNormalizer.Tokenize(text)));

    [Fact]
    public void Language_codes_round_trip()
    {
        Assert.Equal("ru", SpeechLanguage.Russian.Code());
        Assert.Equal(SpeechLanguage.Ukrainian, SpeechLanguages.Parse("UK"));
        Assert.Equal("en", SpeechLanguage.English.Code());
        Assert.Equal(SpeechLanguage.English, SpeechLanguages.Parse("en"));
        Assert.False(SpeechLanguages.TryParse("de", out _));
        Assert.Throws<ArgumentException>(() => SpeechLanguages.Parse("de"));
    }
}
