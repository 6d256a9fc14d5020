using System.Globalization;
using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Tests.Numbers;

/// <summary>The product runs without ICU (InvariantGlobalization, as these tests do): recognizer output in any case still
/// comes to the lexicon's spelling, Cyrillic included.</summary>
public sealed class WordNormalizerTests
{
    [Fact]
    public void Runs_in_the_products_globalization_mode()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
        Assert.Throws<CultureNotFoundException>(() => CultureInfo.GetCultureInfo("ru-RU"));
    }

    [Theory]
    [InlineData("ПЯТЬ Тысяч ДВЕСТИ", "пять тысяч двести")]
    [InlineData("ЁЛКИ Ещё", "елки еще")]
    [InlineData("П’ЯТЬ ДВІСТІ Ґанок Їжак Єнот", "пять двісті ґанок їжак єнот")]
    [InlineData("Five HUNDRED", "five hundred")]
    public void Upper_and_mixed_case_words_come_to_the_lexicons_spelling(string recognized, string expected) =>
        Assert.Equal(expected, string.Join(' ', WordNormalizer.Tokenize(recognized)));

    [Theory]
    [InlineData("ПЯТЬСОТ", SpeechLanguage.Russian, 500)]
    [InlineData("П'ЯТСОТ", SpeechLanguage.Ukrainian, 500)]
    public void Numbers_spoken_in_capitals_parse(string recognized, SpeechLanguage language, long expected) =>
        Assert.Equal(expected, NumberParser.Parse(recognized, language).Value);
}
