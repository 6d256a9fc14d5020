using System.Globalization;
using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Tests.Support;

/// <summary>
/// Writes figures as words, the way a caller says them, to feed the parser thousands of
/// cases. Written from grammar books independently of the parser's tables.
/// </summary>
internal static class NumberWriter
{
    private static readonly Dictionary<SpeechLanguage, string[]> Units = new()
    {
        [SpeechLanguage.Russian] = ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
        [SpeechLanguage.Ukrainian] = ["нуль", "один", "два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять"],
        [SpeechLanguage.English] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    };

    private static readonly Dictionary<SpeechLanguage, string[]> FeminineUnits = new()
    {
        [SpeechLanguage.Russian] = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
        [SpeechLanguage.Ukrainian] = ["", "одна", "дві", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять"],
        [SpeechLanguage.English] = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    };

    private static readonly Dictionary<SpeechLanguage, string[]> Teens = new()
    {
        [SpeechLanguage.Russian] = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"],
        [SpeechLanguage.Ukrainian] = ["десять", "одинадцять", "дванадцять", "тринадцять", "чотирнадцять", "п'ятнадцять", "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять"],
        [SpeechLanguage.English] = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
    };

    private static readonly Dictionary<SpeechLanguage, string[]> Tens = new()
    {
        [SpeechLanguage.Russian] = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"],
        [SpeechLanguage.Ukrainian] = ["", "", "двадцять", "тридцять", "сорок", "п'ятдесят", "шістдесят", "сімдесят", "вісімдесят", "дев'яносто"],
        [SpeechLanguage.English] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
    };

    private static readonly Dictionary<SpeechLanguage, string[]> Hundreds = new()
    {
        [SpeechLanguage.Russian] = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"],
        [SpeechLanguage.Ukrainian] = ["", "сто", "двісті", "триста", "чотириста", "п'ятсот", "шістсот", "сімсот", "вісімсот", "дев'ятсот"],
        [SpeechLanguage.English] = ["", "one hundred", "two hundred", "three hundred", "four hundred", "five hundred", "six hundred", "seven hundred", "eight hundred", "nine hundred"],
    };

    // one / few (2-4) / many forms.
    private static readonly Dictionary<SpeechLanguage, string[]> Thousand = new()
    {
        [SpeechLanguage.Russian] = ["тысяча", "тысячи", "тысяч"],
        [SpeechLanguage.Ukrainian] = ["тисяча", "тисячі", "тисяч"],
        [SpeechLanguage.English] = ["thousand", "thousand", "thousand"],
    };

    private static readonly Dictionary<SpeechLanguage, string[]> Million = new()
    {
        [SpeechLanguage.Russian] = ["миллион", "миллиона", "миллионов"],
        [SpeechLanguage.Ukrainian] = ["мільйон", "мільйони", "мільйонів"],
        [SpeechLanguage.English] = ["million", "million", "million"],
    };

    public static string Cardinal(long value, SpeechLanguage language)
    {
        if (value == 0)
        {
            return Units[language][0];
        }

        var words = new List<string>();
        var millions = value / 1_000_000;
        var thousands = value / 1000 % 1000;
        var rest = value % 1000;
        if (millions > 0)
        {
            Group(millions, language, feminine: false, words);
            words.Add(Million[language][Plural(millions)]);
        }

        if (thousands > 0)
        {
            Group(thousands, language, feminine: true, words);
            words.Add(Thousand[language][Plural(thousands)]);
        }

        if (rest > 0)
        {
            Group(rest, language, feminine: false, words);
        }

        return string.Join(' ', words);
    }

    /// <summary>Each digit as a word: "ноль один два".</summary>
    public static string DigitByDigit(string digits, SpeechLanguage language) =>
        string.Join(' ', digits.Select(d => Units[language][d - '0']));

    /// <summary>Pairs of digits as numbers ("шестьдесят один шестнадцать"), an odd digit first.</summary>
    public static string Pairs(string digits, SpeechLanguage language)
    {
        var words = new List<string>();
        var start = digits.Length % 2;
        if (start == 1)
        {
            words.Add(Units[language][digits[0] - '0']);
        }

        for (var i = start; i < digits.Length; i += 2)
        {
            var pair = digits.Substring(i, 2);
            if (pair[0] == '0')
            {
                words.Add(DigitByDigit(pair, language));
            }
            else
            {
                Group(int.Parse(pair, CultureInfo.InvariantCulture), language, feminine: false, words);
            }
        }

        return string.Join(' ', words);
    }

    private static void Group(long value, SpeechLanguage language, bool feminine, List<string> words)
    {
        var hundreds = value / 100;
        var tens = value / 10 % 10;
        var units = value % 10;
        if (hundreds > 0)
        {
            words.Add(Hundreds[language][hundreds]);
        }

        if (tens == 1)
        {
            words.Add(Teens[language][units]);
            return;
        }

        if (tens > 1)
        {
            words.Add(Tens[language][tens]);
        }

        if (units > 0)
        {
            words.Add((feminine ? FeminineUnits : Units)[language][units]);
        }
    }

    private static int Plural(long n)
    {
        var lastTwo = n % 100;
        var last = n % 10;
        if (lastTwo is >= 11 and <= 14)
        {
            return 2;
        }

        return last switch
        {
            1 => 0,
            >= 2 and <= 4 => 1,
            _ => 2,
        };
    }
}
