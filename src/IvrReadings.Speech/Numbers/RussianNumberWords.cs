namespace IvrReadings.Speech.Numbers;

/// <summary>
/// Russian number words in every case and gender a caller may use ("двух", "сорока", "пятьюстами"):
/// the recognizer picks the form it heard, and any form names the same figure.
/// </summary>
internal static class RussianNumberWords
{
    public static NumberLexicon Build() => new(SpeechLanguage.Russian, Numbers(), Words);

    private static readonly LexiconWords Words = new(
        Fillers: ["э", "ээ", "эээ", "эм", "мм", "ну", "так", "значит", "вот", "это", "и", "а", "показания", "показание", "счетчик", "счетчика", "счётчик", "счётчика", "номер", "лицевой", "счет", "счёт", WordNormalizer.UnknownToken],
        DecimalPoints: ["точка", "запятая", "кома", "целых", "целая", "целой"],
        FractionWords: ["десятых", "десятая", "десятой", "сотых", "сотая", "сотой", "тысячных", "тысячная", "тысячной", "десятитысячных"],
        Yes: ["да", "ага", "угу", "верно", "так", "правильно", "точно", "конечно", "подтверждаю", "согласен", "согласна"],
        No: ["нет", "неправильно", "неверно", "неа", "ошибка", "отмена"],
        Negations: ["не"]);

    private static IEnumerable<(long, NumberWordKind, string[])> Numbers()
    {
        yield return (0, NumberWordKind.Zero, ["ноль", "нуль", "ноля", "нуля", "нолю", "нулю", "нолем", "нулем", "нолём", "нулём"]);

        yield return (1, NumberWordKind.Unit, ["один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну", "одною", "одни", "одних"]);
        yield return (2, NumberWordKind.Unit, ["два", "две", "двух", "двум", "двумя"]);
        yield return (3, NumberWordKind.Unit, ["три", "трех", "трем", "тремя", "трёх", "трём"]);
        yield return (4, NumberWordKind.Unit, ["четыре", "четырех", "четырем", "четырьмя", "четырёх", "четырём"]);
        yield return (5, NumberWordKind.Unit, ["пять", "пяти", "пятью"]);
        yield return (6, NumberWordKind.Unit, ["шесть", "шести", "шестью"]);
        yield return (7, NumberWordKind.Unit, ["семь", "семи", "семью"]);
        yield return (8, NumberWordKind.Unit, ["восемь", "восьми", "восемью", "восьмью"]);
        yield return (9, NumberWordKind.Unit, ["девять", "девяти", "девятью"]);

        string[] teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"];
        for (var i = 0; i < teens.Length; i++)
        {
            yield return (10 + i, NumberWordKind.Teen, Adjectival(teens[i]));
        }

        yield return (20, NumberWordKind.Ten, Adjectival("двадцать"));
        yield return (30, NumberWordKind.Ten, Adjectival("тридцать"));
        yield return (40, NumberWordKind.Ten, ["сорок", "сорока"]);
        yield return (50, NumberWordKind.Ten, ["пятьдесят", "пятидесяти", "пятьюдесятью"]);
        yield return (60, NumberWordKind.Ten, ["шестьдесят", "шестидесяти", "шестьюдесятью"]);
        yield return (70, NumberWordKind.Ten, ["семьдесят", "семидесяти", "семьюдесятью"]);
        yield return (80, NumberWordKind.Ten, ["восемьдесят", "восьмидесяти", "восемьюдесятью", "восьмьюдесятью"]);
        yield return (90, NumberWordKind.Ten, ["девяносто", "девяноста"]);

        yield return (100, NumberWordKind.Hundred, ["сто", "ста", "сотня", "сотни"]);
        yield return (200, NumberWordKind.Hundred, ["двести", "двухсот", "двумстам", "двумястами", "двухстах"]);
        yield return (300, NumberWordKind.Hundred, ["триста", "трехсот", "тремстам", "тремястами", "трехстах", "трёхсот", "трёмстам", "трёхстах"]);
        yield return (400, NumberWordKind.Hundred, ["четыреста", "четырехсот", "четыремстам", "четырьмястами", "четырехстах", "четырёхсот", "четырёмстам", "четырёхстах"]);
        yield return (500, NumberWordKind.Hundred, ["пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах"]);
        yield return (600, NumberWordKind.Hundred, ["шестьсот", "шестисот", "шестистам", "шестьюстами", "шестистах"]);
        yield return (700, NumberWordKind.Hundred, ["семьсот", "семисот", "семистам", "семьюстами", "семистах"]);
        yield return (800, NumberWordKind.Hundred, ["восемьсот", "восьмисот", "восьмистам", "восемьюстами", "восьмьюстами", "восьмистах"]);
        yield return (900, NumberWordKind.Hundred, ["девятьсот", "девятисот", "девятистам", "девятьюстами", "девятистах"]);

        yield return (1_000, NumberWordKind.Multiplier, ["тысяча", "тысячи", "тысяч", "тысяче", "тысячу", "тысячей", "тысячью", "тысячам", "тысячами", "тысячах"]);
        yield return (1_000_000, NumberWordKind.Multiplier, ["миллион", "миллиона", "миллиону", "миллионом", "миллионе", "миллионы", "миллионов", "миллионам", "миллионами", "миллионах"]);
    }

    // "-дцать"/"-надцать" numerals decline like "десять": -ть, -ти, -тью.
    private static string[] Adjectival(string nominative)
    {
        var stem = nominative[..^2];
        return [nominative, stem + "ти", stem + "тью"];
    }
}
