using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Tests.Flow;

/// <summary>The call flow as tables: keys pressed -> what was stored, how the call ended, what the caller heard.</summary>
public sealed class ReadingsFlowTableTests
{
    private static string Describe(IEnumerable<ConfirmedReading> stored) => string.Join("; ", stored.Select(r =>
        $"{r.Meter.MeterId}={string.Join(',', r.Values)}{(r.LowerThanPrevious ? "!low" : "")}{(r.ImplausibleJump ? "!jump" : "")}"));

    public static TheoryData<string, string, CallOutcome, string, string> Calls => new()
    {
        // name, keys, outcome, stored, something the caller heard (ru)
        { "standard call", Some.StandardCall, CallOutcome.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60",
            "За этот звонок приняты показания: Электроэнергия День. шесть тысяч сто шестнадцать Ночь. две тысячи сто Холодная вода кухня сто десять Холодная вода ванная шестьдесят Спасибо! До свидания." },
        { "reads the account back", "2 1234567# 1 1 6116# 2100# 1 2", CallOutcome.Completed, "el-1=6116,2100",
            "Вы ввели лицевой счёт один два три четыре пять шесть семь Если верно, нажмите один." },
        { "reads the reading back", "2 1234567# 1 1 6116# 2100# 1 2", CallOutcome.Completed, "el-1=6116,2100",
            "Вы ввели День. шесть тысяч сто шестнадцать Ночь. две тысячи сто Если верно" },
        { "menu by kind with descriptions", "2 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110",
            "Выберите счётчик. Электроэнергия нажмите один Холодная вода нажмите два" },
        { "second level for two meters", "2 1234567# 1 2 2 60# 1 2", CallOutcome.Completed, "cw-bath=60",
            "Холодная вода кухня нажмите один ванная нажмите два" },
        { "a meter read in this call is done", "2 1234567# 1 2 1 110# 1 1 2", CallOutcome.HungUp, "cw-kitchen=110",
            "Холодная вода кухня показания уже приняты нажмите один ванная нажмите два" },
        { "leading zeros are ignored", "2 1234567# 1 2 1 00110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "сто десять" },
        { "re-enter at the read-back", "2 1234567# 1 2 1 111# 2 110# 1 2", CallOutcome.Completed, "cw-kitchen=110",
            "Введите показания и нажмите решётку." },
        { "unknown account, then found", "2 1234568# 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "Лицевой счёт с таким номером не найден. Введите номер" },
        { "re-enter the account at the read-back", "2 1234567# 2 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "Если верно, нажмите один. Чтобы ввести заново, нажмите два. | Введите номер лицевого счёта" },
        { "wrong account length", "2 123# 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110",
            "Неправильное количество цифр в номере лицевого счёта. Введите номер лицевого счёта" },
        { "unknown account three times goes to the operator", "2 1111111# 2222222# 3333333#", CallOutcome.Operator, "",
            "Лицевой счёт с таким номером не найден. Не удалось найти лицевой счёт. Соединяю с оператором." },
        { "lower than last time: warned, confirmed, flagged", "2 1234567# 1 2 1 90# 1 1 2", CallOutcome.Completed, "cw-kitchen=90!low",
            "Показание меньше предыдущего. Предыдущее показание: сто Если верно" },
        { "lower than last time: re-entered", "2 1234567# 1 2 1 90# 1 2 110# 1 2", CallOutcome.Completed, "cw-kitchen=110",
            "Показание меньше предыдущего." },
        { "implausible jump: warned, confirmed, flagged", "2 1234567# 1 2 1 900# 1 1 2", CallOutcome.Completed, "cw-kitchen=900!jump",
            "Показание намного больше обычного." },
        { "too many digits: the capacity", "2 1234567# 1 2 1 123456# 110# 1 2", CallOutcome.Completed, "cw-kitchen=110",
            "Слишком много цифр. Разрядность счётчика: пять цифр" },
        { "too many digits on a six-digit meter", "2 1234567# 1 1 1234567# 6116# 2100# 1 2", CallOutcome.Completed, "el-1=6116,2100",
            "Разрядность счётчика: шесть цифр" },
        { "zero at a menu goes to the operator", "0", CallOutcome.Operator, "", "Соединяю с оператором." },
        { "zero at the meter menu goes to the operator", "2 1234567# 1 0", CallOutcome.Operator, "", "Соединяю с оператором." },
        { "star repeats the prompt", "* 2 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110",
            "Здравствуйте! Вы позвонили в службу приёма показаний счётчиков. Если телефон в импульсном режиме, нажмите звёздочку. Чтобы передать показания, нажмите два. Для связи с оператором нажмите ноль. | Чтобы передать показания, нажмите два." },
        { "silence at the main menu twice: voice flow", "- -", CallOutcome.Voice, "", "Чтобы передать показания" },
        { "silence repeats the prompt, then the operator", "2 - - -", CallOutcome.Operator, "",
            "Введите номер лицевого счёта и нажмите решётку. | Введите номер лицевого счёта и нажмите решётку. | Введите номер лицевого счёта и нажмите решётку. | Соединяю с оператором." },
        { "silence once then keys", "2 - 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "Введите номер лицевого счёта и нажмите решётку. | Введите номер лицевого счёта и нажмите решётку." },
        { "a wrong key then silence at the main menu is not the voice flow", "5 - 2 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "Неверный выбор." },
        { "hash alone repeats", "2 # 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "Введите номер лицевого счёта" },
        { "wrong choice", "5 2 1234567# 1 2 1 110# 1 2", CallOutcome.Completed, "cw-kitchen=110", "Неверный выбор. Чтобы передать показания, нажмите два." },
        { "three wrong choices go to the operator", "5 5 5", CallOutcome.Operator, "", "Соединяю с оператором." },
        { "submitting again: the latest counts", "2 1234567# 1 2 1 110# 1 1 2 1 111# 1 2", CallOutcome.Completed, "cw-kitchen=110; cw-kitchen=111",
            "Холодная вода кухня сто одиннадцать Спасибо!" },
        { "hang up before confirming: nothing stored", "2 1234567# 1 2 1 110#", CallOutcome.HungUp, "", "Вы ввели сто десять" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Call(string name, string keys, CallOutcome outcome, string stored, string heard)
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
        Assert.Equal(CallOutcome.OutsideWindow, end.Outcome);
        Assert.Equal(
            "Здравствуйте! Вы позвонили в службу приёма показаний счётчиков. Показания принимаются с пятнадцатого по двадцать пятое число каждого месяца. Пожалуйста, позвоните в эти дни. Спасибо! До свидания.",
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
        Assert.Equal(CallOutcome.Completed, end.Outcome);
        Assert.Equal("cw-kitchen=110", Describe(harness.Stored));
        Assert.Contains("Для лицевого счёта один два три четыре пять шесть семь нажмите один. Для другого лицевого счёта нажмите два.", harness.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("Вы ввели лицевой счёт", harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_caller_can_choose_another_account()
    {
        var harness = new FlowHarness();
        harness.CallerAccounts["79161234567"] = "7654321";
        var end = harness.Run("2 2 1234567# 1 2 1 110# 1 2", Some.Settings(callerId: "79161234567"));
        Assert.Equal(CallOutcome.Completed, end.Outcome);
        Assert.Contains("Введите номер лицевого счёта", harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_down_tells_the_caller_and_writes_nothing()
    {
        var harness = new FlowHarness { StoreDown = true };
        var end = harness.Run("2 1234567#");
        Assert.Equal(CallOutcome.TechnicalProblem, end.Outcome);
        Assert.Empty(harness.Stored);
        Assert.EndsWith("Техническая неполадка. Пожалуйста, позвоните позже.", harness.Transcript, StringComparison.Ordinal);
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
        Assert.Equal(CallOutcome.Operator, end.Outcome);
    }

    [Theory]
    [InlineData("en", "You keyed Day. six thousand one hundred sixteen Night. two thousand one hundred If that is right")]
    [InlineData("uk", "Ви ввели День. шість тисяч сто шістнадцять Ніч. дві тисячі сто Якщо правильно")]
    public void Other_languages(string lang, string expected)
    {
        var harness = new FlowHarness();
        var end = harness.Run("2 1234567# 1 1 6116# 2100# 1 2", Some.Settings(lang));
        Assert.Equal(CallOutcome.Completed, end.Outcome);
        Assert.Contains(expected, harness.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prompt_the_flow_uses_exists_in_every_language()
    {
        var harness = new FlowHarness();
        harness.Run(Some.StandardCall);
        harness.Run("2 1234567# 1 2 1 90# 1 1 2 1 900# 1 1 1 2 1 123456# 110# 1 2");
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
