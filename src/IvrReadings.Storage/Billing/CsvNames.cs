using System.Text;
using IvrReadings.Domain;

namespace IvrReadings.Storage;

/// <summary>How enum values are spelled in billing files: snake_case (<c>cold_water</c>, <c>semi_peak</c>, <c>auto_fill</c>).</summary>
public static class CsvNames
{
    public static string Of<T>(T value) where T : struct, Enum => Snake(value.ToString());

    public static string Of(ReadingFlags flags) => flags == ReadingFlags.None
        ? ""
        : string.Join(';', Enum.GetValues<ReadingFlags>().Where(f => f != ReadingFlags.None && flags.HasFlag(f)).Select(f => Snake(f.ToString())));

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum =>
        Names<T>.ByText.TryGetValue(text.Trim(), out value);

    // Built once per enum type: the importer looks a kind up for each of a million rows.
    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByText =
            Enum.GetValues<T>().ToDictionary(v => Snake(v.ToString()), v => v, StringComparer.OrdinalIgnoreCase);
    }

    private static string Snake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
