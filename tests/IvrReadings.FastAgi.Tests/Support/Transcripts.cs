using System.Text;

namespace IvrReadings.FastAgi.Tests.Support;

/// <summary>Reads the observed wire transcripts (tests/fixtures/agi-transcripts, copied to the output folder).</summary>
public static class Transcripts
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "agi-transcripts");

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.txt").Select(Path.GetFileName).Order()!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The transcripts that have an Asterisk-to-app byte stream (41-43 never connected).</summary>
    public static TheoryData<string> WithSession()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names.Where(n => FromAsterisk(n).Length > 0))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Every byte Asterisk sent to the app, in order, rebuilt from the escaped wire log.</summary>
    public static byte[] FromAsterisk(string name) => Direction(name, "A>S");

    public static byte[] FromApp(string name) => Direction(name, "S>A");

    /// <summary>Splits the Asterisk stream into the environment block (with its empty line) and the rest.</summary>
    public static (byte[] Environment, byte[] Replies) Split(string name)
    {
        var all = FromAsterisk(name);
        var end = all.AsSpan().IndexOf("\n\n"u8);
        return (all[..(end + 2)], all[(end + 2)..]);
    }

    private static byte[] Direction(string name, string direction)
    {
        var bytes = new List<byte>();
        foreach (var raw in File.ReadLines(Path.Combine(Directory, name)))
        {
            if (!raw.StartsWith('+'))
            {
                continue;
            }

            var marker = raw.IndexOf($"  {direction}  ", StringComparison.Ordinal);
            if (marker < 0)
            {
                continue;
            }

            var text = raw[(marker + 7)..];
            if (text.StartsWith("<EOF", StringComparison.Ordinal))
            {
                continue;
            }

            Unescape(text, bytes, direction == "S>A");
        }

        return [.. bytes];
    }

    /// <summary>Decodes one record: \n, \r, \\, \xNN escapes; the record ends after its last LF.</summary>
    private static void Unescape(string text, List<byte> output, bool allowManyLines)
    {
        var record = new List<byte>();
        var lastLf = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                switch (next)
                {
                    case 'n':
                        record.Add((byte)'\n');
                        lastLf = record.Count;
                        i++;
                        if (!allowManyLines)
                        {
                            output.AddRange(record);
                            return;
                        }

                        continue;
                    case 'r':
                        record.Add((byte)'\r');
                        i++;
                        continue;
                    case '\\':
                        record.Add((byte)'\\');
                        i++;
                        continue;
                    case 'x':
                        record.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                        i += 3;
                        continue;
                }
            }

            // Annotation after the record ("    [seg 1, ...]", "    [as UTF-8: ...]") begins after the last LF.
            record.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }

        if (lastLf > 0)
        {
            output.AddRange(record.Take(lastLf));
        }
    }
}
