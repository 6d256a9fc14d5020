using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Voice;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>The voice flow as tables: what the recognizer heard -> what was stored, what went to staff, what the caller heard.</summary>
public sealed class VoiceFlowTableTests
{
    private const string AllConfirmed = "F1234567 Y F6116 Y F2100 Y F110 Y F60 Y";

    private static string Describe(IEnumerable<ConfirmedReading> stored) =>
        string.Join("; ", stored.Select(r => $"{r.Meter.MeterId}={string.Join(',', r.Values)}"));

    public static TheoryData<string, string, CallEnding, string, string, string> Calls => new()
    {
        // name, heard, outcome, stored, meters to staff, something the caller heard (ru)
        { "all sure and confirmed", AllConfirmed, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Приняты: электроэнергия холодная вода кухня холодная вода ванная До свидания." },
        { "greeting and account prompt", AllConfirmed, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Говорите после сигнала, чётко и по цифрам. Назовите номер лицевого счёта." },
        { "account read back digit by digit", AllConfirmed, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Вы назвали счёт один два три четыре пять шесть семь Верно? Скажите да или нет." },
        { "zone by zone, figure read back", AllConfirmed, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "электроэнергия день назовите показания. | Вы назвали шесть тысяч сто шестнадцать Верно? Скажите да или нет. | электроэнергия ночь назовите показания." },
        { "accepted before the next meter", AllConfirmed, CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Принято. холодная вода кухня назовите показания." },
        { "unsure figure twice: the meter goes to staff", "F1234567 Y ? ? F110 Y F60 Y", CallEnding.Completed, "cw-kitchen=110; cw-bath=60", "el-1",
            "Не удалось разобрать. Повторите, пожалуйста. электроэнергия день назовите показания. | Не удалось разобрать. Эти показания прослушает специалист. холодная вода кухня" },
        { "the summary says what staff will process", "F1234567 Y ? ? F110 Y F60 Y", CallEnding.Completed, "cw-kitchen=110; cw-bath=60", "el-1",
            "Приняты: холодная вода кухня холодная вода ванная Специалист обработает: электроэнергия До свидания." },
        { "unsure once, then sure", "F1234567 Y _ F6116 Y F2100 Y F110 Y F60 Y", CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Не удалось разобрать. Повторите, пожалуйста." },
        { "no twice: the meter goes to staff", "F1234567 Y F6116 N F6161 N F110 Y F60 Y", CallEnding.Completed, "cw-kitchen=110; cw-bath=60", "el-1",
            "Повторите, пожалуйста. электроэнергия день назовите показания." },
        { "no once, then yes", "F1234567 Y F6161 N F6116 Y F2100 Y F110 Y F60 Y", CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Вы назвали шесть тысяч сто шестьдесят один" },
        { "no on the second zone retries only that zone", "F1234567 Y F6116 Y F2000 N F2100 Y F110 Y F60 Y", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "", "Повторите, пожалуйста. электроэнергия ночь назовите показания." },
        { "unclear yes/no is asked again", "F1234567 U Y F6116 Y F2100 Y F110 Y F60 Y", CallEnding.Completed, "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "",
            "Не удалось разобрать. Вы назвали счёт один" },
        { "unclear twice at a reading: staff", "F1234567 Y F6116 U _ F110 Y F60 Y", CallEnding.Completed, "cw-kitchen=110; cw-bath=60", "el-1",
            "Эти показания прослушает специалист." },
        { "unknown account twice: everything for staff", "F1111111 F2222222 R", CallEnding.Completed, "", "",
            "Счёт не найден. Не удалось определить счёт. Назовите счётчики и их показания по очереди. | Ваши показания записаны, их обработает специалист. До свидания." },
        { "unknown account, then found", "F1111111 F1234567 Y F6116 Y F2100 Y F110 Y F60 Y", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "", "Счёт не найден. Повторите, пожалуйста. Назовите номер лицевого счёта." },
        { "account not understood twice", "? _ R", CallEnding.Completed, "", "", "Не удалось определить счёт." },
        { "account denied twice", "F1234567 N F1234567 N R", CallEnding.Completed, "", "", "Ваши показания записаны" },
        { "no model at the account: one recording for staff", "X R", CallEnding.Completed, "", "",
            "Автоматическое распознавание сейчас недоступно. Назовите счётчики и их показания по очереди. | Ваши показания записаны, их обработает специалист." },
        { "no model later: every meter recorded for staff", "F1234567 Y X X X", CallEnding.Completed, "", "el-1; cw-kitchen; cw-bath",
            "Специалист обработает: электроэнергия холодная вода кухня холодная вода ванная До свидания." },
        { "no answer at the account: asked again", "S F1234567 Y F6116 Y F2100 Y F110 Y F60 Y", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "", "Не удалось разобрать. Повторите, пожалуйста. Назовите номер лицевого счёта." },
        { "no answer at a read-back: the read-back again", "F1234567 Y F6116 S Y F2100 Y F110 Y F60 Y", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "", "Не удалось разобрать. Вы назвали шесть тысяч сто шестнадцать Верно?" },
        { "no answer does not use up the tries for what was not understood", "F1234567 Y ? S F6116 Y F2100 Y F110 Y F60 Y", CallEnding.Completed,
            "el-1=6116,2100; cw-kitchen=110; cw-bath=60", "", "электроэнергия день назовите показания." },
        { "no answer twice in a row: to the operator", "F1234567 Y S S", CallEnding.Operator, "", "", "Соединяю с оператором." },
        { "no answer twice at the account: to the operator", "S S", CallEnding.Operator, "", "", "Соединяю с оператором." },
        { "confirmed meters stay stored when the caller falls silent", "F1234567 Y F6116 Y F2100 Y S S", CallEnding.Operator, "el-1=6116,2100", "",
            "Принято. холодная вода кухня назовите показания. | Не удалось разобрать. Повторите, пожалуйста." },
        { "no answer to the free recording: asked again", "X S R", CallEnding.Completed, "", "", "Ваши показания записаны" },
        { "hang up before confirming keeps what was confirmed", "F1234567 Y F6116 Y F2100 Y F110", CallEnding.HungUp, "el-1=6116,2100", "",
            "Вы назвали сто десять" },
        { "the server cutting the call is a technical problem, not a hangup", "F1234567 Y F6116 Y F2100 Y F110 #", CallEnding.TechnicalProblem,
            "el-1=6116,2100", "", "Вы назвали сто десять" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Call(string name, string heard, CallEnding outcome, string stored, string toStaff, string said)
    {
        var harness = new VoiceHarness();
        var end = harness.Run(heard);
        Assert.True(end.IsEnded, name);
        Assert.Equal(outcome, end.Outcome);
        Assert.Equal(stored, Describe(harness.Stored));
        Assert.Equal(toStaff, string.Join("; ", end.ToStaff.Select(m => m.MeterId)));
        Assert.Contains(said, harness.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unsure twice: the best guess", "F1234567 Y ?6116 ?6160 F110 Y F60 Y", "el-1=6160,-")]
    [InlineData("a confirmed zone and an unsure one", "F1234567 Y F6116 Y ? ?2100 F110 Y F60 Y", "el-1=6116,2100")]
    [InlineData("unsure without a figure", "F1234567 Y ? _ F110 Y F60 Y", "")]
    [InlineData("no twice: nothing the caller denied", "F1234567 Y F6116 N F6161 N F110 Y F60 Y", "")]
    [InlineData("denied, then unsure: the unsure guess", "F1234567 Y F6116 N ?6161 F110 Y F60 Y", "el-1=6161,-")]
    [InlineData("unclear yes/no twice: the sure figure", "F1234567 Y F6116 U _ F110 Y F60 Y", "el-1=6116,-")]
    [InlineData("hangup at a read-back", "F1234567 Y F6116 Y F2100", "el-1=6116,2100")]
    [InlineData("hangup at a reading after a confirmed zone", "F1234567 Y F6116 Y", "el-1=6116,-")]
    [InlineData("hangup after a stored meter", "F1234567 Y F6116 Y F2100 Y", "")]
    [InlineData("the server cuts the call at a read-back", "F1234567 Y F6116 Y F2100 #", "el-1=6116,2100")]
    [InlineData("no model: nothing to guess", "F1234567 Y X X X", "")]
    [InlineData("silent after an unconfirmed figure: the figure for staff", "F1234567 Y F6116 S S", "el-1=6116,-")]
    public void A_meter_left_to_staff_keeps_the_machines_figures_for_review(string name, string heard, string reviewed)
    {
        var harness = new VoiceHarness();
        harness.Run(heard);
        Assert.True(reviewed == harness.Reviewed, $"{name}: {harness.Reviewed}");
    }

    [Fact]
    public void Confirmed_items_settle_their_recordings_and_the_rest_stay_for_staff()
    {
        var harness = new VoiceHarness();
        harness.Run("F1234567 Y ? ? F110 N F110 Y F60 Y");

        // 1-2 account, 3-4 electricity (unsure twice), 5-8 kitchen (denied once), 9-10 bathroom.
        Assert.Equal([1L, 2, 5, 6, 7, 8, 9, 10], harness.Settled);
        Assert.Equal(10, harness.RecordingCount);
    }

    [Fact]
    public void Recordings_with_nothing_said_are_never_settled()
    {
        var harness = new VoiceHarness();
        harness.Run("S F1234567 Y F6116 Y F2100 Y F110 Y F60 Y");

        Assert.Equal([2L, 3, 4, 5, 6, 7, 8, 9, 10, 11], harness.Settled);
    }

    [Fact]
    public void A_hangup_settles_nothing_unconfirmed()
    {
        var harness = new VoiceHarness();
        var end = harness.Run("F1234567 Y F6116 Y F2100 Y F110 !");
        Assert.Equal([1L, 2, 3, 4, 5, 6], harness.Settled);
        Assert.Equal(VoiceStep.ReadingConfirm, end.LastStep);
    }

    [Fact]
    public void Each_listen_names_its_step_and_target()
    {
        var harness = new VoiceHarness();
        harness.Run(AllConfirmed);
        Assert.Equal(
            ["account", "confirm-account", "reading", "confirm-reading", "reading", "confirm-reading", "reading", "confirm-reading", "reading", "confirm-reading"],
            harness.Listens.Select(l => l.Step));
        var day = harness.Listens[2];
        Assert.Equal(ListenKind.Reading, day.Kind);
        Assert.Equal(new ListenTarget("1234567", "el-1", FlowZone.Day, 6, 6000, 7000), day.Target);
        Assert.Equal(new ListenTarget("1234567", "el-1", FlowZone.Night, 6, 2000, 3000), harness.Listens[4].Target);
        Assert.Equal(ListenKind.YesNo, harness.Listens[1].Kind);
        Assert.Equal(new ListenTarget(null), harness.Listens[0].Target);
        Assert.Equal("done", harness.Variables["IVR_RESULT"]);
    }

    [Fact]
    public void Hangup_at_every_listen_keeps_exactly_the_confirmed_meters()
    {
        var tokens = AllConfirmed.Split(' ');
        for (var k = 0; k <= tokens.Length; k++)
        {
            var harness = new VoiceHarness();
            var end = harness.Run(string.Join(' ', tokens.Take(k)));
            var expected = k switch { < 6 => 0, < 8 => 1, < 10 => 2, _ => 3 };
            Assert.Equal(expected, harness.Stored.Count);
            Assert.Equal(k == tokens.Length ? CallEnding.Completed : CallEnding.HungUp, end.Outcome);
            Assert.NotNull(end.LastStep);
        }
    }

    [Fact]
    public void Outside_the_window_the_dates_are_said_and_nothing_is_recorded()
    {
        var harness = new VoiceHarness();
        var end = harness.Run("", new VoiceSettings { Language = "ru", WindowOpen = false, WindowFromDay = 15, WindowToDay = 25 });
        Assert.Equal(CallEnding.OutsideWindow, end.Outcome);
        Assert.Empty(harness.Listens);
        Assert.Equal("closed", harness.Variables["IVR_RESULT"]);
    }

    [Fact]
    public void Database_down_says_technical_problem_and_never_accepted()
    {
        var harness = new VoiceHarness { StoreDown = true };
        var end = harness.Run("F1234567");
        Assert.Equal(CallEnding.TechnicalProblem, end.Outcome);
        Assert.Contains("Технический сбой", harness.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("Принято", harness.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uk", "Ви назвали рахунок один два три")]
    [InlineData("en", "You said account one two three")]
    public void Other_languages_have_every_prompt(string language, string said)
    {
        var harness = new VoiceHarness();
        harness.Run(AllConfirmed, new VoiceSettings { Language = language });
        Assert.Contains(said, harness.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("voice-", harness.Transcript, StringComparison.Ordinal);
    }
}
