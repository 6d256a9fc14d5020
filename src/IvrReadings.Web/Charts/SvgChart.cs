using System.Globalization;
using System.Text;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Charts;

/// <summary>Charts drawn on the server as inline SVG: presentation attributes only, so the CSP needs no inline style.</summary>
public static class SvgChart
{
    private static readonly string[] Palette = ["#1f5fa8", "#e8a33d", "#3f8f5a", "#b3261e", "#7b5ea7", "#2a9d9d", "#8c6d46", "#5d6b7a"];

    /// <summary>One horizontal bar a row, label on the left, value at the bar's end.</summary>
    public static string HorizontalBars(string title, IReadOnlyList<ChartBar> bars, int width = 340)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int row = 24, top = 6, valueWidth = 40;
        var labelWidth = width * 7 / 20;
        var height = top * 2 + Math.Max(1, bars.Count) * row;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var plot = width - labelWidth - valueWidth;
        var svg = Open(title, width, height);
        if (bars.Count == 0)
        {
            svg.Append(Text(labelWidth, top + 17, "—", "start", "#5d6b7a"));
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + (i * row);
            var length = max > 0 ? Math.Max(bar.Value > 0 ? 2 : 0, bar.Value / max * plot) : 0;
            svg.Append(Text(labelWidth - 8, y + 17, bar.Label, "end", "#1d2733"));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{F(length)}\" height=\"{row - 8}\" rx=\"2\" fill=\"{Palette[i % Palette.Length]}\"><title>{H.E(bar.Label)}: {F(bar.Value)}</title></rect>");
            svg.Append(Text(labelWidth + length + 6, y + 17, F(bar.Value), "start", "#1d2733"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Vertical columns (e.g. calls a day), labels under every few columns.</summary>
    public static string Columns(string title, IReadOnlyList<ChartBar> bars, int width = 520, int height = 200)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int left = 36, bottom = 24, top = 10;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var plotHeight = height - bottom - top;
        var step = bars.Count == 0 ? 0 : (double)(width - left - 4) / bars.Count;
        var svg = Open(title, width, height);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 4}\" y2=\"{height - bottom}\" stroke=\"#b8c2ce\"/>");
        svg.Append(Text(left - 4, top + 10, F(max), "end", "#5d6b7a"));
        svg.Append(Text(left - 4, height - bottom, "0", "end", "#5d6b7a"));
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / 10.0));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var h = max > 0 ? bar.Value / max * plotHeight : 0;
            var x = left + (i * step) + 1;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(height - bottom - h)}\" width=\"{F(Math.Max(1, step - 2))}\" height=\"{F(h)}\" fill=\"#1f5fa8\"><title>{H.E(bar.Label)}: {F(bar.Value)}</title></rect>");
            if (i % labelEvery == 0)
            {
                svg.Append(Text(x + (step / 2), height - 8, bar.Label, "middle", "#5d6b7a"));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string title, int width, int height) =>
        new StringBuilder(2048).Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMinYMin meet\" font-size=\"12\"><title>{H.E(title)}</title>");

    private static string Text(double x, double y, string text, string anchor, string fill) =>
        string.Create(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" fill=\"{fill}\">{H.E(text)}</text>");

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
