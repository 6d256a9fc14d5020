using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Tests.Numbers;

public sealed class YesNoParserTests
{
    [Theory]
    [InlineData("да", YesNoAnswer.Yes)]
    [InlineData("ага", YesNoAnswer.Yes)]
    [InlineData("верно", YesNoAnswer.Yes)]
    [InlineData("так", YesNoAnswer.Yes)]
    [InlineData("правильно", YesNoAnswer.Yes)]
    [InlineData("да да", YesNoAnswer.Yes)]
    [InlineData("ну да", YesNoAnswer.Yes)]
    [InlineData("да верно", YesNoAnswer.Yes)]
    [InlineData("[unk] да", YesNoAnswer.Yes)]
    [InlineData("э да конечно", YesNoAnswer.Yes)]
    [InlineData("нет", YesNoAnswer.No)]
    [InlineData("не", YesNoAnswer.No)]
    [InlineData("неправильно", YesNoAnswer.No)]
    [InlineData("не правильно", YesNoAnswer.No)]
    [InlineData("не верно", YesNoAnswer.No)]
    [InlineData("нет нет", YesNoAnswer.No)]
    [InlineData("неверно", YesNoAnswer.No)]
    [InlineData("да нет", YesNoAnswer.Unclear)]
    [InlineData("", YesNoAnswer.Unclear)]
    [InlineData("[unk]", YesNoAnswer.Unclear)]
    [InlineData("э", YesNoAnswer.Unclear)]
    [InlineData("шесть", YesNoAnswer.Unclear)]
    [InlineData("да наверное", YesNoAnswer.Unclear)]
    public void Russian(string text, YesNoAnswer expected) =>
        Assert.Equal(expected, YesNoParser.Parse(text, SpeechLanguage.Russian).Answer);

    [Theory]
    [InlineData("так", YesNoAnswer.Yes)]
    [InlineData("ага", YesNoAnswer.Yes)]
    [InlineData("вірно", YesNoAnswer.Yes)]
    [InlineData("правильно", YesNoAnswer.Yes)]
    [InlineData("так так", YesNoAnswer.Yes)]
    [InlineData("звісно", YesNoAnswer.Yes)]
    [InlineData("да", YesNoAnswer.Yes)]
    [InlineData("ні", YesNoAnswer.No)]
    [InlineData("не", YesNoAnswer.No)]
    [InlineData("неправильно", YesNoAnswer.No)]
    [InlineData("не вірно", YesNoAnswer.No)]
    [InlineData("не так", YesNoAnswer.No)]
    [InlineData("ні ні", YesNoAnswer.No)]
    [InlineData("так ні", YesNoAnswer.Unclear)]
    [InlineData("", YesNoAnswer.Unclear)]
    [InlineData("привіт", YesNoAnswer.Unclear)]
    public void Ukrainian(string text, YesNoAnswer expected) =>
        Assert.Equal(expected, YesNoParser.Parse(text, SpeechLanguage.Ukrainian).Answer);

    [Theory]
    [InlineData("yes", YesNoAnswer.Yes)]
    [InlineData("yeah", YesNoAnswer.Yes)]
    [InlineData("yes that's right", YesNoAnswer.Yes)]
    [InlineData("correct", YesNoAnswer.Yes)]
    [InlineData("uh yes", YesNoAnswer.Yes)]
    [InlineData("no", YesNoAnswer.No)]
    [InlineData("nope", YesNoAnswer.No)]
    [InlineData("not right", YesNoAnswer.No)]
    [InlineData("that's not correct", YesNoAnswer.No)]
    [InlineData("wrong", YesNoAnswer.No)]
    [InlineData("yes no", YesNoAnswer.Unclear)]
    [InlineData("", YesNoAnswer.Unclear)]
    [InlineData("six", YesNoAnswer.Unclear)]
    [InlineData("hello", YesNoAnswer.Unclear)]
    public void English(string text, YesNoAnswer expected) =>
        Assert.Equal(expected, YesNoParser.Parse(text, SpeechLanguage.English).Answer);

    [Fact]
    public void Unclear_says_why() =>
        Assert.Equal("both yes and no heard", YesNoParser.Parse("да нет", SpeechLanguage.Russian).Reason);
}
