using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>The call list, newest first, filtered by date, account, caller number and outcome.</summary>
internal static class CallsPage
{
    private const int PageSize = 50;

    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, ICallLog calls)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var query = http.Request.Query;
        var zone = page.Organisation.Window.TimeZone;
        var from = Date(query["from"]);
        var to = Date(query["to"]);
        var account = Text(query["account"]);
        var caller = Text(query["caller"]);
        CallOutcome? outcome = Enum.TryParse<CallOutcome>(query["outcome"], ignoreCase: false, out var o) && Enum.IsDefined(o) ? o : null;
        var skip = int.TryParse(query["skip"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var filter = new CallFilter(
            from is { } f ? LocalMidnight(f, zone) : null,
            to is { } e ? LocalMidnight(e.AddDays(1), zone) : null,
            account,
            caller,
            outcome,
            skip,
            PageSize);
        var result = await calls.ListAsync(filter, page.Aborted);

        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["calls.title"])).Append("</h1>");
        body.Append("<form class=\"filters\" method=\"get\" action=\"/calls\">")
            .Append(Input(t["calls.from"], "from", "date", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(Input(t["calls.to"], "to", "date", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(Input(t["account"], "account", "text", account))
            .Append(Input(t["calls.caller"], "caller", "text", caller))
            .Append("<label>").Append(H.E(t["calls.outcome"])).Append("<select name=\"outcome\" id=\"outcome\"><option value=\"\">").Append(H.E(t["calls.any"])).Append("</option>");
        foreach (var value in Enum.GetValues<CallOutcome>())
        {
            body.Append("<option value=\"").Append(value).Append('"').Append(value == outcome ? " selected" : string.Empty).Append('>').Append(H.E(t.Of(value))).Append("</option>");
        }

        body.Append("</select></label><button class=\"primary\" type=\"submit\">").Append(H.E(t["calls.filter"])).Append("</button></form>");
        body.Append("<p class=\"muted\" id=\"calls-total\">").Append(H.E(result.Total)).Append(' ').Append(H.E(t["calls.found"])).Append("</p>");
        if (result.Calls.Count == 0)
        {
            body.Append("<p class=\"muted\">").Append(H.E(t["calls.none"])).Append("</p>");
            return Layout.Page(page, t["calls.title"], "calls", body.ToString());
        }

        body.Append("<table id=\"calls\"><thead><tr>");
        foreach (var head in new[] { "calls.started", "calls.duration", "calls.channel", "calls.caller", "account", "calls.outcome", "calls.step", "reading.by" })
        {
            body.Append("<th>").Append(H.E(t[head])).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var call in result.Calls)
        {
            body.Append("<tr><td><a href=\"/calls/").Append(H.Url(call.CallId)).Append("\">").Append(page.Time(call.StartedAt)).Append("</a></td><td>")
                .Append(H.Duration(call.EndedAt - call.StartedAt)).Append("</td><td>").Append(H.E(t.Of(call.Channel))).Append("</td><td>")
                .Append(H.E(call.CallerNumber ?? "—")).Append("</td><td>").Append(Fragments.AccountLink(call.AccountNumber)).Append("</td><td>")
                .Append(Fragments.Outcome(t, call)).Append("</td><td>").Append(H.E(call.LastStep ?? "—")).Append("</td><td>")
                .Append(H.E(call.ReviewedBy ?? string.Empty)).Append("</td></tr>");
        }

        body.Append("</tbody></table><p>");
        if (skip > 0)
        {
            body.Append("<a href=\"").Append(H.E(PageLink(http, Math.Max(0, skip - PageSize)))).Append("\">").Append(H.E(t["calls.prev"])).Append("</a> ");
        }

        if (skip + PageSize < result.Total)
        {
            body.Append("<a href=\"").Append(H.E(PageLink(http, skip + PageSize))).Append("\">").Append(H.E(t["calls.next"])).Append("</a>");
        }

        body.Append("</p>");
        return Layout.Page(page, t["calls.title"], "calls", body.ToString());
    }

    private static string Input(string label, string name, string type, string? value) =>
        $"<label>{H.E(label)}<input type=\"{type}\" name=\"{name}\" id=\"{name}\" value=\"{H.E(value)}\"></label>";

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string PageLink(HttpContext http, int skip)
    {
        var query = http.Request.Query.Where(q => q.Key != "skip").Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()));
        return "/calls?" + string.Join('&', query.Append("skip=" + skip.ToString(CultureInfo.InvariantCulture)));
    }
}
