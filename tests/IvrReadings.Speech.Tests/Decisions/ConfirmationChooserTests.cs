using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Tests.Decisions;

public sealed class ConfirmationChooserTests
{
    [Theory]
    [InlineData(YesNoAnswer.Yes, "да", 0.98, "нет", 0.02)]
    [InlineData(YesNoAnswer.No, "нет", 0.9, "не", 0.1)]
    [InlineData(YesNoAnswer.Unclear, "да", 0.7, "нет", 0.3)]
    [InlineData(YesNoAnswer.Unclear, "да", 0.6, "[unk]", 0.4)]
    [InlineData(YesNoAnswer.Yes, "да", 0.6, "ага", 0.4)]
    public void Decides_over_the_nbest(YesNoAnswer expected, string first, double firstShare, string second, double secondShare)
    {
        var answer = new ConfirmationChooser().Choose(
            [new RecognitionAlternative(first, firstShare), new RecognitionAlternative(second, secondShare)], SpeechLanguage.Russian);

        Assert.Equal(expected, answer.Answer);
    }

    [Fact]
    public void Nothing_heard_is_unclear() =>
        Assert.Equal(YesNoAnswer.Unclear, new ConfirmationChooser().Choose([], SpeechLanguage.Ukrainian).Answer);

    [Fact]
    public void A_non_answer_says_why()
    {
        var answer = new ConfirmationChooser().Choose([new RecognitionAlternative("шесть", 1)], SpeechLanguage.Russian);

        Assert.Equal("'шесть' is neither yes nor no", answer.Reason);
    }
}
