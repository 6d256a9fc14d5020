namespace IvrReadings.Speech.Numbers;

/// <summary>
/// Ukrainian number words in every case and gender ("двох", "п'ятьома", "дев'ятистах"). Apostrophes
/// are kept here for readability; the normalizer drops them on both sides. "Да", "нет" and "ноль"
/// are listed too because many callers mix in Russian.
/// </summary>
internal static class UkrainianNumberWords
{
    public static NumberLexicon Build() => new(SpeechLanguage.Ukrainian, Numbers(), Words);

    private static readonly LexiconWords Words = new(
        Fillers: ["е", "ее", "еее", "ем", "мм", "ну", "так", "значить", "от", "ось", "це", "і", "й", "та", "показання", "показники", "лічильник", "лічильника", "номер", "особовий", "рахунок", WordNormalizer.UnknownToken],
        DecimalPoints: ["кома", "точка", "запятая", "цілих", "ціла", "цілої", "ціле"],
        FractionWords: ["десятих", "десята", "десятої", "сотих", "сота", "сотої", "тисячних", "тисячна", "тисячної", "десятитисячних"],
        Yes: ["так", "ага", "угу", "вірно", "правильно", "точно", "звісно", "авжеж", "підтверджую", "згоден", "згодна", "да"],
        No: ["ні", "нє", "неправильно", "невірно", "помилка", "скасувати", "нет"],
        Negations: ["не"]);

    private static IEnumerable<(long, NumberWordKind, string[])> Numbers()
    {
        yield return (0, NumberWordKind.Zero, ["нуль", "нуля", "нулю", "нулем", "ноль"]);

        yield return (1, NumberWordKind.Unit, ["один", "одна", "одне", "одно", "одного", "одної", "одному", "одній", "одним", "одною", "одну", "одні", "одних"]);
        yield return (2, NumberWordKind.Unit, ["два", "дві", "двох", "двом", "двома"]);
        yield return (3, NumberWordKind.Unit, ["три", "трьох", "трьом", "трьома"]);
        yield return (4, NumberWordKind.Unit, ["чотири", "чотирьох", "чотирьом", "чотирма", "чотирьома"]);
        yield return (5, NumberWordKind.Unit, ["п'ять", "п'яти", "п'ятьох", "п'ятьом", "п'ятьма", "п'ятьома"]);
        yield return (6, NumberWordKind.Unit, ["шість", "шести", "шістьох", "шістьом", "шістьма", "шістьома"]);
        yield return (7, NumberWordKind.Unit, ["сім", "семи", "сімох", "сімом", "сьома", "сімома"]);
        yield return (8, NumberWordKind.Unit, ["вісім", "восьми", "вісьмох", "вісьмом", "вісьма", "вісьмома"]);
        yield return (9, NumberWordKind.Unit, ["дев'ять", "дев'яти", "дев'ятьох", "дев'ятьом", "дев'ятьма", "дев'ятьома"]);

        string[] teens = ["десять", "одинадцять", "дванадцять", "тринадцять", "чотирнадцять", "п'ятнадцять", "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять"];
        for (var i = 0; i < teens.Length; i++)
        {
            yield return (10 + i, NumberWordKind.Teen, TenLike(teens[i]));
        }

        yield return (20, NumberWordKind.Ten, TenLike("двадцять"));
        yield return (30, NumberWordKind.Ten, TenLike("тридцять"));
        yield return (40, NumberWordKind.Ten, ["сорок", "сорока"]);
        yield return (50, NumberWordKind.Ten, Decade("п'ятдесят"));
        yield return (60, NumberWordKind.Ten, Decade("шістдесят"));
        yield return (70, NumberWordKind.Ten, Decade("сімдесят"));
        yield return (80, NumberWordKind.Ten, Decade("вісімдесят"));
        yield return (90, NumberWordKind.Ten, ["дев'яносто", "дев'яноста"]);

        yield return (100, NumberWordKind.Hundred, ["сто", "ста", "сотня", "сотні"]);
        yield return (200, NumberWordKind.Hundred, ["двісті", "двохсот", "двомстам", "двомастами", "двохстах"]);
        yield return (300, NumberWordKind.Hundred, ["триста", "трьохсот", "трьомстам", "трьомастами", "трьохстах"]);
        yield return (400, NumberWordKind.Hundred, ["чотириста", "чотирьохсот", "чотирьомстам", "чотирмастами", "чотирьохстах"]);
        yield return (500, NumberWordKind.Hundred, ["п'ятсот", "п'ятисот", "п'ятистам", "п'ятьмастами", "п'ятистах"]);
        yield return (600, NumberWordKind.Hundred, ["шістсот", "шестисот", "шестистам", "шістьмастами", "шестистах"]);
        yield return (700, NumberWordKind.Hundred, ["сімсот", "семисот", "семистам", "сьомастами", "семистах"]);
        yield return (800, NumberWordKind.Hundred, ["вісімсот", "восьмисот", "восьмистам", "вісьмастами", "восьмистах"]);
        yield return (900, NumberWordKind.Hundred, ["дев'ятсот", "дев'ятисот", "дев'ятистам", "дев'ятьмастами", "дев'ятистах"]);

        yield return (1_000, NumberWordKind.Multiplier, ["тисяча", "тисячі", "тисяч", "тисячу", "тисячею", "тисячам", "тисячами", "тисячах"]);
        yield return (1_000_000, NumberWordKind.Multiplier, ["мільйон", "мільйона", "мільйону", "мільйоном", "мільйоні", "мільйони", "мільйонів", "мільйонам", "мільйонами", "мільйонах"]);
    }

    // "-надцять"/"-дцять" decline: -ть, -ти, -тьох, -тьом, -тьма, -тьома.
    private static string[] TenLike(string nominative)
    {
        var stem = nominative[..^2];
        return [nominative, stem + "ти", stem + "тьох", stem + "тьом", stem + "тьма", stem + "тьома"];
    }

    // "п'ятдесят" and kin add endings to the whole word: -и, -ьох, -ьом, -ьма, -ьома.
    private static string[] Decade(string nominative) =>
        [nominative, nominative + "и", nominative + "ьох", nominative + "ьом", nominative + "ьма", nominative + "ьома"];
}
