namespace IvrReadings.Web.I18n;

/// <summary>
/// The steps of the call flows (keys and voice) as staff read them on dashboards, call lists and timelines, and the
/// steps recordings are made at. Keys are <c>step.</c> + the step's name; a step without one shows as its name.
/// </summary>
internal static partial class UiTextCatalog
{
    private static Dictionary<string, string[]> Steps => new(StringComparer.Ordinal)
    {
        ["step.Start"] = ["answering", "ответ на звонок", "відповідь на дзвінок"],
        ["step.ClosedMessage"] = ["told readings are not taken now", "сообщение «приём закрыт»", "повідомлення «приймання закрито»"],
        ["step.MainMenu"] = ["main menu", "главное меню", "головне меню"],
        ["step.FindingCallerAccount"] = ["looking up the caller's account", "поиск счёта по номеру", "пошук рахунку за номером"],
        ["step.KnownAccountOffer"] = ["offered the known account", "предложен известный счёт", "запропоновано відомий рахунок"],
        ["step.AccountEntry"] = ["keying the account", "ввод лицевого счёта", "введення особового рахунку"],
        ["step.LookingUpAccount"] = ["looking up the account", "поиск лицевого счёта", "пошук особового рахунку"],
        ["step.ConfirmAccount"] = ["confirming the account", "подтверждение счёта", "підтвердження рахунку"],
        ["step.MeterMenu"] = ["choosing a meter", "выбор счётчика", "вибір лічильника"],
        ["step.MeterSubMenu"] = ["choosing one of two meters", "выбор одного из двух счётчиков", "вибір одного з двох лічильників"],
        ["step.ReadingEntry"] = ["keying the reading", "ввод показания", "введення показника"],
        ["step.ConfirmReading"] = ["confirming the reading", "подтверждение показания", "підтвердження показника"],
        ["step.ReadingWarning"] = ["warned about the reading", "предупреждение о показании", "попередження про показник"],
        ["step.Storing"] = ["storing", "сохранение", "збереження"],
        ["step.NextOrFinish"] = ["next meter or finish", "следующий счётчик или конец", "наступний лічильник чи кінець"],
        ["step.Summary"] = ["summary", "итог звонка", "підсумок дзвінка"],
        ["step.Transferring"] = ["transfer to an operator", "перевод на оператора", "переведення на оператора"],
        ["step.TechnicalProblem"] = ["technical problem", "технический сбой", "технічний збій"],
        ["step.Ended"] = ["ended", "завершён", "завершено"],
        ["step.AccountListen"] = ["saying the account", "произносит счёт", "вимовляє рахунок"],
        ["step.AccountConfirm"] = ["confirming the account by voice", "подтверждает счёт голосом", "підтверджує рахунок голосом"],
        ["step.ReadingListen"] = ["saying the reading", "произносит показание", "вимовляє показник"],
        ["step.ReadingConfirm"] = ["confirming the reading by voice", "подтверждает показание голосом", "підтверджує показник голосом"],
        ["step.FreeListen"] = ["saying all readings at once", "называет все показания сразу", "називає всі показники одразу"],
        ["step.review"] = ["staff review", "проверка сотрудником", "перевірка співробітником"],
        ["step.account"] = ["account number", "лицевой счёт", "особовий рахунок"],
        ["step.confirm-account"] = ["account confirmation", "подтверждение счёта", "підтвердження рахунку"],
        ["step.reading"] = ["a reading", "показание", "показник"],
        ["step.confirm-reading"] = ["reading confirmation", "подтверждение показания", "підтвердження показника"],
        ["step.readings"] = ["all readings", "все показания", "усі показники"],
        ["step.greeting"] = ["greeting", "приветствие", "привітання"],
    };
}
