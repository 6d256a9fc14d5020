using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Charts;
using IvrReadings.Web.Html;
using IvrReadings.Web.I18n;

namespace IvrReadings.Web.Pages;

/// <summary>Today's and this period's calls and readings by channel, drop-off per step, outcomes, the backlog.</summary>
internal static class DashboardPage
{
    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, IReportStore reports, ICallLog calls, TimeProvider time,
        Microsoft.Extensions.Options.IOptions<ConsoleOptions> options)
    {
        var page = await pages.CreateAsync(http);
        page.RefreshSeconds = Math.Max(0, options.Value.RefreshSeconds);
        var t = page.T;
        var query = DashboardQuery.For(page.Organisation, time.GetUtcNow());
        var dashboard = await reports.DashboardAsync(query, page.Aborted);
        var outcomes = await OutcomeCounts.CountAsync(calls, query.PeriodFrom, query.PeriodTo, page.Aborted);

        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["dash.title"])).Append(" <span class=\"muted\">").Append(H.E(query.Period.ToString())).Append("</span></h1>");
        body.Append("<div class=\"grid stats\">");
        Stat(body, t["dash.today"] + " · " + t["dash.calls"], dashboard.CallsToday.Values.Sum(), "stat-calls-today");
        Stat(body, t["dash.period"] + " · " + t["dash.calls"], dashboard.CallsThisPeriod.Values.Sum(), "stat-calls-period");
        Stat(body, t["dash.today"] + " · " + t["dash.readings"], dashboard.ReadingsToday.Values.Sum(), "stat-readings-today");
        Stat(body, t["dash.period"] + " · " + t["dash.readings"], dashboard.ReadingsThisPeriod.Values.Sum(), "stat-readings-period");
        Stat(body, t["dash.backlog"], dashboard.ReviewBacklog, "stat-backlog", "/queue");
        body.Append("</div><div class=\"grid\">");
        Chart(body, t["dash.callsbychannel"] + " · " + t["dash.today"], SvgChart.HorizontalBars(t["dash.callsbychannel"], ByChannel(t, dashboard.CallsToday)));
        Chart(body, t["dash.callsbychannel"] + " · " + t["dash.period"], SvgChart.HorizontalBars(t["dash.callsbychannel"], ByChannel(t, dashboard.CallsThisPeriod)));
        Chart(body, t["dash.readingsbychannel"] + " · " + t["dash.today"], SvgChart.HorizontalBars(t["dash.readingsbychannel"], ByChannel(t, dashboard.ReadingsToday)));
        Chart(body, t["dash.readingsbychannel"] + " · " + t["dash.period"], SvgChart.HorizontalBars(t["dash.readingsbychannel"], ByChannel(t, dashboard.ReadingsThisPeriod)));
        Chart(body, t["dash.outcomes"] + " · " + t["dash.period"], SvgChart.HorizontalBars(t["dash.outcomes"],
            [.. outcomes.Where(o => o.Calls > 0).Select(o => new ChartBar(t.Of(o.Outcome), o.Calls))]));
        Chart(body, t["dash.dropoff"] + " · " + t["dash.period"], SvgChart.HorizontalBars(t["dash.dropoff"],
            [.. dashboard.DropOffs.OrderByDescending(d => d.Calls).Take(12).Select(d => new ChartBar(t.Step(d.LastStep), d.Calls))]));
        body.Append("</div>");
        return Layout.Page(page, t["dash.title"], "dashboard", body.ToString());
    }

    private static ChartBar[] ByChannel(UiText t, IReadOnlyDictionary<SubmissionChannel, int> counts) =>
        [.. counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Select(c => new ChartBar(t.Of(c.Key), c.Value))];

    private static void Stat(StringBuilder body, string label, int value, string id, string? href = null)
    {
        body.Append("<div class=\"card\"><div class=\"muted\">").Append(H.E(label)).Append("</div><div class=\"stat\" id=\"").Append(id).Append("\">");
        body.Append(href is null ? H.E(value) : $"<a href=\"{href}\">{H.E(value)}</a>").Append("</div></div>");
    }

    private static void Chart(StringBuilder body, string title, string svg) =>
        body.Append("<div class=\"card chart\"><h2>").Append(H.E(title)).Append("</h2>").Append(svg).Append("</div>");
}
