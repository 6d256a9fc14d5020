using IvrReadings.Domain;
using FlowStep = IvrReadings.CallFlow.Flow.FlowStep;
using VoiceFlow = IvrReadings.CallFlow.Voice.VoiceFlow;
using VoiceStep = IvrReadings.CallFlow.Voice.VoiceStep;
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
            AssertAll<PromptLanguage>(t);
            AssertAll<ReviewOutcome>(t);
            AssertAll<Reason>(t);
        }
    }

    [Fact]
    public void Every_step_of_both_call_flows_and_every_recording_step_reads_as_words()
    {
        var steps = Enum.GetNames<FlowStep>().Concat(Enum.GetNames<VoiceStep>())
            .Concat([VoiceFlow.AccountStep, VoiceFlow.AccountConfirmStep, VoiceFlow.ReadingStep, VoiceFlow.ReadingConfirmStep, VoiceFlow.FreeStep]);
        foreach (var language in UiText.Languages)
        {
            var t = UiText.For(language);
            foreach (var step in steps)
            {
                Assert.True(t.Step(step) != step, $"{language}: step {step}");
            }
        }

        Assert.Equal("SomethingNew", UiText.For("en").Step("SomethingNew")); // a step added later shows, untranslated
    }

    [Theory]
    [InlineData("ru", 1, "1 звонок")]
    [InlineData("ru", 2, "2 звонка")]
    [InlineData("ru", 4, "4 звонка")]
    [InlineData("ru", 5, "5 звонков")]
    [InlineData("ru", 11, "11 звонков")]
    [InlineData("ru", 12, "12 звонков")]
    [InlineData("ru", 21, "21 звонок")]
    [InlineData("ru", 22, "22 звонка")]
    [InlineData("ru", 111, "111 звонков")]
    [InlineData("ru", 0, "0 звонков")]
    [InlineData("uk", 1, "1 дзвінок")]
    [InlineData("uk", 3, "3 дзвінки")]
    [InlineData("uk", 14, "14 дзвінків")]
    [InlineData("uk", 101, "101 дзвінок")]
    [InlineData("en", 1, "1 call")]
    [InlineData("en", 0, "0 calls")]
    [InlineData("en", 21, "21 calls")]
    public void Counted_nouns_take_the_right_plural_form(string language, long n, string expected) =>
        Assert.Equal(expected, UiText.For(language).Count("count.calls", n));

    [Fact]
    public void Counted_entries_hold_every_plural_form_of_their_language()
    {
        foreach (var (key, texts) in UiTextCatalog.Entries.Where(e => e.Key.StartsWith("count.", StringComparison.Ordinal)))
        {
            Assert.True(texts[0].Split('|').Length == 2, key + " en");
            Assert.True(texts[1].Split('|').Length == 3, key + " ru");
            Assert.True(texts[2].Split('|').Length == 3, key + " uk");
            Assert.True(texts.All(t => t.Split('|').All(form => form.Contains("{0}", StringComparison.Ordinal))), key);
        }
    }

    [Fact]
    public void Every_audit_action_has_a_name()
    {
        foreach (var language in UiText.Languages)
        {
            foreach (var action in AuditActions.All)
            {
                Assert.True(UiText.For(language)["audit." + action] != "audit." + action, $"{language}: {action}");
            }
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
