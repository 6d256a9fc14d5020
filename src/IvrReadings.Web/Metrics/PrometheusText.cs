using System.Globalization;
using System.Text;

namespace IvrReadings.Web.Metrics;

/// <summary>The Prometheus text exposition format (0.0.4): names, label escaping, numbers.</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A valid metric or label name: [a-zA-Z_:][a-zA-Z0-9_:]* (labels without ':').</summary>
    public static string Name(string name, bool label = false)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (c == ':' && !label) ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    public static string EscapeLabelValue(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string? help) =>
        (help ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static void Header(StringBuilder text, string name, string type, string? help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(string.IsNullOrEmpty(help) ? name : help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public static void Sample(StringBuilder text, string name, IEnumerable<KeyValuePair<string, string>> labels, double value)
    {
        text.Append(name);
        var first = true;
        foreach (var (key, labelValue) in labels)
        {
            text.Append(first ? '{' : ',').Append(Name(key, label: true)).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
            first = false;
        }

        if (!first)
        {
            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }
}
