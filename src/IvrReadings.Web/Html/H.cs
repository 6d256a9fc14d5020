using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace IvrReadings.Web.Html;

/// <summary>Encoding helpers for pages built as strings: everything that came from outside goes through <see cref="E"/>.</summary>
public static class H
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => text is null ? string.Empty : Encoder.Encode(text);

    public static string E(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string E(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Url(string? text) => text is null ? string.Empty : Uri.EscapeDataString(text);

    public static string Time(DateTimeOffset? when) =>
        when is { } w ? E(w.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)) : "—";

    public static string Duration(TimeSpan? span) =>
        span is { } s ? (s.TotalHours >= 1 ? s.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : s.ToString(@"m\:ss", CultureInfo.InvariantCulture)) : "—";
}
