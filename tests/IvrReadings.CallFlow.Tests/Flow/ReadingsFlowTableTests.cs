using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Tests.Flow;

/// <summary>The call flow as tables: keys pressed -> what was stored, how the call ended, what the caller heard.</summary>
public sealed class ReadingsFlowTableTests
{
    private static string Describe(IEnumerable<ConfirmedReading> stored) => string.Join("; ", stored.Select(r =>
        $"{r.Meter.MeterId}={string.Join(',', r.Values)}{(r.LowerThanPrevious ? "!low" : "")}{(r.ImplausibleJump ? "!jump" : "")}"));

    public static TheoryData<string, string, CallEnding, string, string> Calls => new()
    {
        // name, keys, outcome, stored, something the caller heard (ru)
        { "standard call", Some.StandardCall, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60",
            "Приняты: электроэнергия холодная вода кухня ванная До свидания." },
        { "greeting, tone hint, menu", Some.StandardCall, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60",
            "Показания счётчиков. Тоновый режим: звёздочка. Показания два, оператор ноль." },
        { "reads the account back", "2 1234567# 1 1 6116# 2100# 1 2", CallEnding.Completed, "el-1=6116,2100",
            "Счёт один два три четыре пять шесть семь Верно один, заново два." },
        { "reads the reading back zone by zone", "2 1234567# 1 1 6116# 2100# 1 2", CallEnding.Completed, "el-1=6116,2100",
            "день Показания без нулей впереди и дробной части, и решётка. | ночь | Введено день шесть тысяч сто шестнадцать ночь две тысячи сто Верно один, заново два." },
        { "menu by kind", "2 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "электроэнергия один холодная вода два" },
        { "second level for two meters of a kind", "2 1234567# 1 2 2 60# 1 2", CallEnding.Completed, "cw-bath=60",
            "холодная вода кухня один ванная два" },
        { "accepted, then the next unread meter is offered", "2 1234567# 1 1 6116# 2100# 1 2", CallEnding.Completed, "el-1=6116,2100",
            "Принято. Дальше: холодная вода кухня один, другой счётчик три, завершить два." },
        { "one meter left: straight to it, named, no menu", "2 1234567# 1 1 6116# 2100# 1 1 110# 1 60# 1", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "Введено сто десять Верно один, заново два. | Принято. холодная вода ванная Показания и решётка. | Введено шестьдесят" },
        { "the last meter's question, repeated, names it again", "2 1234567# 1 1 6116# 2100# 1 1 110# 1 - 60# 1", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60",
            "Принято. холодная вода ванная Показания и решётка. | холодная вода ванная Показания без нулей впереди и дробной части, и решётка. Завершить без них: решётка. | Введено шестьдесят" },
        { "the last meter: hash alone finishes without it", "2 1234567# 1 1 6116# 2100# 1 1 110# 1 #", CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110",
            "Принято. холодная вода ванная Показания и решётка. | Приняты: электроэнергия холодная вода кухня До свидания." },
        { "a meter chosen from the menu: hash alone repeats its question", "2 1234567# 1 2 1 # 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Показания без нулей впереди и дробной части, и решётка. | Показания без нулей впереди и дробной части, и решётка. | Введено сто десять" },
        { "the last meter has zones: named, then zone by zone", "2 1234567# 1 2 1 110# 1 3 2 2 60# 1 6116# 2100# 1", CallEnding.Completed,
            "cw-kitchen=110; cw-bath=60; el-1=6116,2100", "Принято. электроэнергия день Показания и решётка. | ночь | Введено день шесть тысяч сто шестнадцать" },
        { "both zones' warnings in one confirmation", "2 1234567# 1 1 5000# 1000# 1 1 2", CallEnding.Completed, "el-1=5000,1000!low",
            "день Меньше прошлого. Было: шесть тысяч ночь Меньше прошлого. Было: две тысячи Верно один, заново два. | Принято." },
        { "3 opens the list; a meter read in this call is done", "2 1234567# 1 2 1 110# 1 3 2", CallEnding.HungUp, "cw-kitchen=110",
            "холодная вода кухня принято один ванная два" },
        { "all read: straight to the summary, which names the last meter accepted too", Some.StandardCall, CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60",
            "Введено шестьдесят Верно один, заново два. | Приняты: электроэнергия холодная вода кухня ванная До свидания." },
        { "all read after the list: the summary in the order given", "2 1234567# 1 2 1 110# 1 3 2 2 60# 1 6116# 2100# 1", CallEnding.Completed,
            "cw-kitchen=110; cw-bath=60; el-1=6116,2100",
            "Верно один, заново два. | Приняты: холодная вода кухня ванная электроэнергия До свидания." },
        { "leading zeros are ignored", "2 1234567# 1 2 1 00110# 1 2", CallEnding.Completed, "cw-kitchen=110", "Введено сто десять" },
        { "re-enter at the read-back", "2 1234567# 1 2 1 111# 2 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Введено сто одиннадцать Верно один, заново два. | Показания и решётка. | Введено сто десять" },
        { "unknown account, then found", "2 1234568# 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Счёт не найден. Лицевой счёт и решётка." },
        { "re-enter the account at the read-back", "2 1234567# 2 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Верно один, заново два. | Лицевой счёт и решётка." },
        { "wrong account length", "2 123# 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Неверное число цифр. Лицевой счёт и решётка." },
        { "unknown account three times goes to the operator", "2 1111111# 2222222# 3333333#", CallEnding.Operator, "",
            "Счёт не найден. Не удалось найти счёт. Соединяю с оператором." },
        { "lower than last time: warned, confirmed, flagged", "2 1234567# 1 2 1 90# 1 1 2", CallEnding.Completed, "cw-kitchen=90!low",
            "Меньше прошлого. Было: сто Верно один, заново два." },
        { "lower than last time: re-entered", "2 1234567# 1 2 1 90# 1 2 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Меньше прошлого." },
        { "implausible jump: warned, confirmed, flagged", "2 1234567# 1 2 1 900# 1 1 2", CallEnding.Completed, "cw-kitchen=900!jump",
            "Намного больше обычного. Верно один" },
        { "too many digits: the capacity", "2 1234567# 1 2 1 123456# 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Много цифр. Разрядность: пять цифр Показания и решётка." },
        { "too many digits on a six-digit meter", "2 1234567# 1 1 1234567# 6116# 2100# 1 2", CallEnding.Completed, "el-1=6116,2100",
            "Разрядность: шесть цифр день" },
        { "zero at a menu goes to the operator", "0", CallEnding.Operator, "", "Соединяю с оператором." },
        { "zero at the meter menu goes to the operator", "2 1234567# 1 0", CallEnding.Operator, "", "Соединяю с оператором." },
        { "star repeats a question three times, the fourth goes to the operator", "* * * 2 1234567# * * * * 1", CallEnding.Operator, "",
            "Соединяю с оператором." },
        { "star repeats the prompt", "* 2 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Показания счётчиков. Тоновый режим: звёздочка. Показания два, оператор ноль. | Показания два, оператор ноль. | Лицевой" },
        { "silence at the main menu twice: voice flow", "- -", CallEnding.GoToVoice, "", "Показания два, оператор ноль. | Показания два" },
        { "a wrong key then silence at the main menu is not the voice flow", "5 - 2 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Неверный выбор." },
        { "silence repeats the prompt, then the operator", "2 - - -", CallEnding.Operator, "",
            "Лицевой счёт и решётка. | Лицевой счёт и решётка. | Лицевой счёт и решётка. | Соединяю с оператором." },
        { "silence once then keys", "2 - 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110",
            "Лицевой счёт и решётка. | Лицевой счёт и решётка. | Счёт один" },
        { "silences are counted per question", "2 1234567# 1 1 - 6116# - - 2100# - 1 2", CallEnding.Completed, "el-1=6116,2100", "Введено день" },
        { "hash alone repeats", "2 # 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110", "Лицевой счёт и решётка. | Лицевой счёт и решётка." },
        { "wrong choice", "5 2 1234567# 1 2 1 110# 1 2", CallEnding.Completed, "cw-kitchen=110", "Неверный выбор. Показания два, оператор ноль." },
        { "three wrong choices go to the operator", "5 5 5", CallEnding.Operator, "", "Соединяю с оператором." },
        { "submitting again: the latest counts", "2 1234567# 1 2 1 110# 1 3 2 1 111# 1 2", CallEnding.Completed, "cw-kitchen=110; cw-kitchen=111",
            "Приняты: холодная вода кухня До свидания." },
        { "hang up before confirming: nothing stored", "2 1234567# 1 2 1 110#", CallEnding.HungUp, "", "Введено сто десять" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Call(string name, string keys, CallEnding outcome, string stored, string heard)
    {
        var harness = new FlowHarness();
        var end = harness.Run(keys);
        Assert.True(end.IsEnded, name);
        Assert.Equal(outcome, end.Outcome);
        Assert.Equal(stored, Describe(harness.Stored));
        Assert.Contains(heard, harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_the_window_says_when_and_ends()
    {
        var harness = new FlowHarness();
        var end = harness.Run("", Some.Settings() with { WindowOpen = false, WindowFromDay = 15, WindowToDay = 25 });
        Assert.Equal(CallEnding.OutsideWindow, end.Outcome);
        Assert.Equal(
            "Показания счётчиков. Показания принимаются с пятнадцатого по двадцать пятое число каждого месяца. Пожалуйста, позвоните в эти дни. До свидания.",
            harness.Transcript);
        Assert.Equal("closed", harness.Variables["IVR_RESULT"]);
    }

    [Theory]
    [InlineData("ru", 2, 5, "Показания принимаются со второго по пятое число")]
    [InlineData("uk", 18, 25, "Показники приймаються з вісімнадцятого по двадцять п'яте число кожного місяця.")]
    [InlineData("en", 23, 26, "Readings are taken from the twenty third to the twenty sixth of each month.")]
    public void The_window_is_said_in_the_callers_language(string lang, int from, int to, string expected)
    {
        var harness = new FlowHarness();
        harness.Run("", Some.Settings(lang) with { WindowOpen = false, WindowFromDay = from, WindowToDay = to });
        Assert.Contains(expected, harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_caller_is_offered_the_account_and_skips_the_read_back()
    {
        var harness = new FlowHarness();
        harness.CallerAccounts["79161234567"] = "1234567";
        var end = harness.Run("2 1 2 1 110# 1 2", Some.Settings(callerId: "79161234567"));
        Assert.Equal(CallEnding.Completed, end.Outcome);
        Assert.Equal("cw-kitchen=110", Describe(harness.Stored));
        Assert.Contains("Счёт один два три четыре пять шесть семь один, другой счёт два.", harness.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("семь Верно один", harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_with_one_meter_hears_no_menu_before_or_after_its_reading()
    {
        var harness = new FlowHarness();
        harness.Accounts["7654321"] = new FlowAccount("7654321",
            [new FlowMeter("gas-1", FlowMeterKind.Gas, null, 5, [new FlowRegister(FlowZone.Single, 3000, 100)])]);
        var end = harness.Run("2 7654321# 1 3050# 1");
        Assert.Equal(CallEnding.Completed, end.Outcome);
        Assert.Equal("gas-1=3050", Describe(harness.Stored));
        Assert.EndsWith(
            "Верно один, заново два. | Показания без нулей впереди и дробной части, и решётка. | Введено три тысячи пятьдесят Верно один, заново два. | Приняты: газ До свидания.",
            harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_caller_can_choose_another_account()
    {
        var harness = new FlowHarness();
        harness.CallerAccounts["79161234567"] = "7654321";
        var end = harness.Run("2 2 1234567# 1 2 1 110# 1 2", Some.Settings(callerId: "79161234567"));
        Assert.Equal(CallEnding.Completed, end.Outcome);
        Assert.Contains("Лицевой счёт и решётка.", harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_down_tells_the_caller_and_writes_nothing()
    {
        var harness = new FlowHarness { StoreDown = true };
        var end = harness.Run("2 1234567#");
        Assert.Equal(CallEnding.TechnicalProblem, end.Outcome);
        Assert.Empty(harness.Stored);
        Assert.EndsWith("Технический сбой. Позвоните позже.", harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_and_voice_hand_back_to_the_dialplan_through_a_variable()
    {
        var toOperator = new FlowHarness();
        toOperator.Run("0");
        Assert.Equal("operator", toOperator.Variables["IVR_RESULT"]);
        Assert.IsType<EndCall>(toOperator.Commands[^1]);

        var toVoice = new FlowHarness();
        toVoice.Run("- -");
        Assert.Equal("voice", toVoice.Variables["IVR_RESULT"]);
    }

    [Fact]
    public void Voice_fallback_can_be_switched_off()
    {
        var harness = new FlowHarness();
        var end = harness.Run("- - -", Some.Settings() with { SilentMenusBeforeVoice = 0 });
        Assert.Equal(CallEnding.Operator, end.Outcome);
    }

    [Theory]
    [InlineData("en", "You keyed day six thousand one hundred sixteen night two thousand one hundred Correct one, again two.")]
    [InlineData("uk", "Введено день шість тисяч сто шістнадцять ніч дві тисячі сто Вірно один, знову два.")]
    public void Other_languages(string lang, string expected)
    {
        var harness = new FlowHarness();
        var end = harness.Run("2 1234567# 1 1 6116# 2100# 1 2", Some.Settings(lang));
        Assert.Equal(CallEnding.Completed, end.Outcome);
        Assert.Contains(expected, harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prompt_the_flow_uses_exists_in_every_language()
    {
        var harness = new FlowHarness();
        harness.Run(Some.StandardCall);
        harness.Run("2 1234567# 1 2 1 90# 1 1 3 2 2 900# 1 1 1234567# 6116# 2100# 1");
        harness.Run("2 1234567# 1 2 1 123456# 110# 1 2");
        harness.Run("2 1111111# 2222222# 3333333#");
        harness.Run("", Some.Settings() with { WindowOpen = false });
        var ids = harness.Commands.SelectMany(c => c switch { Play p => p.Prompts, Collect k => k.Prompts, _ => [] }).Distinct();
        foreach (var id in ids)
        {
            foreach (var lang in IvrReadings.CallFlow.Prompts.CallLanguages.All)
            {
                Assert.True(File.Exists(SoundsDirectory.Wav(lang, id)), $"{lang}/{id}.wav");
            }
        }
    }

    [Fact]
    public void No_input_waits_longer_than_three_seconds()
    {
        var harness = new FlowHarness();
        harness.Run(Some.StandardCall);
        Assert.All(harness.Commands.OfType<Collect>(), c => Assert.InRange(c.TimeoutMs, 1, 3000));
    }
}
