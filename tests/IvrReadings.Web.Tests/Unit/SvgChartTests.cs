using System.Xml.Linq;
using IvrReadings.Web.Charts;

namespace IvrReadings.Web.Tests.Unit;

public sealed class SvgChartTests
{
    [Fact]
    public void Horizontal_bars_are_well_formed_svg_scaled_to_the_largest_value()
    {
        var svg = SvgChart.HorizontalBars("Calls", [new("keys", 40), new("voice", 10), new("<script>", 0)], width: 520);

        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var rects = document.Descendants(ns + "rect").ToList();
        Assert.Equal(3, rects.Count);
        var widths = rects.Select(r => double.Parse(r.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4 * widths[1], widths[0], precision: 0);
        Assert.Equal(0, widths[2]);
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_charts_still_render()
    {
        XDocument.Parse(SvgChart.HorizontalBars("Nothing", []));
        XDocument.Parse(SvgChart.Columns("Nothing", []));
        XDocument.Parse(SvgChart.Columns("Days", [new("01", 3), new("02", 5)]));
    }
}
