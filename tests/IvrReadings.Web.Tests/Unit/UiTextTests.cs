using IvrReadings.Domain;
using IvrReadings.Web.I18n;

namespace IvrReadings.Web.Tests.Unit;

public sealed class UiTextTests
{
    [Fact]
    public void Every_entry_has_english_russian_and_ukrainian_text()
    {
        foreach (var (key, texts) in UiTextCatalog.Entries)
        {
            Assert.True(texts.Length == 3 && texts.All(t => !string.IsNullOrWhiteSpace(t)), key);
        }
    }

    [Fact]
    public void Every_enum_shown_on_a_page_has_text()
    {
        foreach (var language in UiText.Languages)
        {
            var t = UiText.For(language);
            AssertAll<SubmissionChannel>(t);
            AssertAll<CallOutcome>(t);
            AssertAll<MeterKind>(t);
            AssertAll<Zone>(t);
            AssertAll<CallEventKind>(t);
            AssertAll<RecognitionStatus>(t);
            AssertAll<ReadingStatus>(t);
        }
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("ru-RU", "ru")]
    [InlineData("uk", "uk")]
    [InlineData("ua", "uk")]
    [InlineData("Uk", "uk")]
    [InlineData("en-GB", "en")]
    [InlineData("de", null)]
    [InlineData("", null)]
    public void Language_codes_normalize(string code, string? expected) => Assert.Equal(expected, UiText.Normalize(code));

    [Fact]
    public void The_same_key_reads_differently_per_language()
    {
        Assert.Equal("Sign in", UiText.For("en")["login.title"]);
        Assert.Equal("Вход", UiText.For("ru")["login.title"]);
        Assert.Equal("Вхід", UiText.For("uk")["login.title"]);
    }

    private static void AssertAll<TEnum>(UiText t)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var key = typeof(TEnum).Name + "." + value;
            Assert.True(t.Of(value) != key, key);
        }
    }
}
