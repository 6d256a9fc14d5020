namespace IvrReadings.AsteriskSim;

/// <summary>The sound files Asterisk's English SAY NUMBER plays for a number.</summary>
internal static class SayNumberFiles
{
    public static List<string> For(long number)
    {
        var files = new List<string>();
        if (number < 0)
        {
            files.Add("digits/minus");
            number = -number;
        }

        void Below1000(long n)
        {
            if (n >= 100)
            {
                files.Add($"digits/{n / 100}");
                files.Add("digits/hundred");
                n %= 100;
            }

            if (n > 20)
            {
                files.Add($"digits/{n / 10 * 10}");
                n %= 10;
            }

            if (n > 0)
            {
                files.Add($"digits/{n}");
            }
        }

        if (number == 0)
        {
            files.Add("digits/0");
        }

        foreach (var (size, word) in new[] { (1_000_000_000L, "digits/billion"), (1_000_000L, "digits/million"), (1_000L, "digits/thousand") })
        {
            if (number >= size)
            {
                Below1000(number / size);
                files.Add(word);
                number %= size;
            }
        }

        Below1000(number);
        return files;
    }
}
