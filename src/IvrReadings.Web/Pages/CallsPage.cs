using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>The call list, newest first, filtered by date, account, caller number (any part of it) and outcome; and its CSV.</summary>
internal static class CallsPage
{
    private const int PageSize = 50;

    /// <summary>The most rows one CSV export holds (a year of a busy line is ~3 million calls: narrow the dates).</summary>
    public const int MaxExportRows = 100_000;

    private static readonly string[] CsvHeader =
        ["call_id", "started_at", "ended_at", "channel", "line", "caller_number", "language", "account", "outcome", "last_step", "reviewed_by", "reviewed_at"];

    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, ICallLog calls)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var (filter, from, to, outcome) = Filter(http, page.Organisation, int.TryParse(http.Request.Query["skip"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0, PageSize);
        var result = await calls.ListAsync(filter, page.Aborted);

        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["calls.title"])).Append("</h1>");
        body.Append("<form class=\"filters\" method=\"get\" action=\"/calls\">")
            .Append(Input(t["calls.from"], "from", "date", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(Input(t["calls.to"], "to", "date", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(Input(t["account"], "account", "text", filter.AccountNumber))
            .Append(Input(t["calls.callerpart"], "caller", "text", filter.CallerNumber))
            .Append("<label>").Append(H.E(t["calls.outcome"])).Append("<select name=\"outcome\" id=\"outcome\"><option value=\"\">").Append(H.E(t["calls.any"])).Append("</option>");
        foreach (var value in Enum.GetValues<CallOutcome>())
        {
            body.Append("<option value=\"").Append(value).Append('"').Append(value == outcome ? " selected" : string.Empty).Append('>').Append(H.E(t.Of(value))).Append("</option>");
        }

        body.Append("</select></label><button class=\"primary\" type=\"submit\">").Append(H.E(t["calls.filter"])).Append("</button></form>");
        body.Append("<p class=\"muted\"><span id=\"calls-total\">").Append(H.E(t.Count("count.callsfound", result.Total))).Append("</span>");
        if (page.IsSupervisor && result.Total > 0)
        {
            body.Append(" · <a id=\"calls-csv\" href=\"").Append(H.E("/calls/export.csv" + http.Request.QueryString)).Append("\">").Append(H.E(t["calls.export"])).Append("</a>");
        }

        body.Append("</p>");
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
                .Append(H.Duration(call.EndedAt - call.StartedAt)).Append("</td><td>").Append(H.E(t.Of(call.Channel))).Append("</td><td class=\"caller\">")
                .Append(H.E(call.CallerNumber ?? "—")).Append("</td><td>").Append(Fragments.AccountLink(call.AccountNumber)).Append("</td><td>")
                .Append(Fragments.Outcome(t, call)).Append("</td><td>").Append(H.E(t.Step(call.LastStep))).Append("</td><td>")
                .Append(H.E(call.ReviewedBy ?? string.Empty)).Append("</td></tr>");
        }

        body.Append("</tbody></table><p>");
        if (filter.Skip > 0)
        {
            body.Append("<a href=\"").Append(H.E(PageLink(http, "/calls", Math.Max(0, filter.Skip - PageSize)))).Append("\">").Append(H.E(t["calls.prev"])).Append("</a> ");
        }

        if (filter.Skip + PageSize < result.Total)
        {
            body.Append("<a href=\"").Append(H.E(PageLink(http, "/calls", filter.Skip + PageSize))).Append("\">").Append(H.E(t["calls.next"])).Append("</a>");
        }

        body.Append("</p>");
        return Layout.Page(page, t["calls.title"], "calls", body.ToString());
    }

    /// <summary>Supervisors: the filtered calls as CSV (UTC ISO times), audited.</summary>
    public static async Task<IResult> ExportAsync(HttpContext http, ICallLog calls, IAuditLog audit, Organisation organisation, TimeProvider time)
    {
        var csv = new StringBuilder().AppendJoin(',', CsvHeader).Append('\n');
        var rows = 0;
        var (filter, _, _, _) = Filter(http, organisation, 0, 1000);
        while (rows < MaxExportRows)
        {
            var page = await calls.ListAsync(filter with { Skip = rows }, http.RequestAborted);
            foreach (var c in page.Calls)
            {
                string?[] cells = [c.CallId, Iso(c.StartedAt), Iso(c.EndedAt), c.Channel.ToString(), c.Script, c.CallerNumber, c.Language.ToString().ToLowerInvariant(),
                    c.AccountNumber, c.Outcome?.ToString(), c.LastStep, c.ReviewedBy, Iso(c.ReviewedAt)];
                csv.AppendJoin(',', cells.Select(Cell)).Append('\n');
            }

            rows += page.Calls.Count;
            if (page.Calls.Count < filter.Take || rows >= page.Total)
            {
                break;
            }
        }

        await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), http.User.Identity?.Name, AuditActions.CallsExported, null,
            http.Request.QueryString + " → " + rows.ToString(CultureInfo.InvariantCulture), http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "calls.csv");
    }

    private static (CallFilter Filter, DateOnly? From, DateOnly? To, CallOutcome? Outcome) Filter(HttpContext http, Organisation organisation, int skip, int take)
    {
        var query = http.Request.Query;
        var zone = organisation.Window.TimeZone;
        var from = Date(query["from"]);
        var to = Date(query["to"]);
        CallOutcome? outcome = Enum.TryParse<CallOutcome>(query["outcome"], ignoreCase: false, out var o) && Enum.IsDefined(o) ? o : null;
        var filter = new CallFilter(
            from is { } f ? LocalMidnight(f, zone) : null,
            to is { } e ? LocalMidnight(e.AddDays(1), zone) : null,
            Text(query["account"]),
            Text(query["caller"]),
            outcome,
            Math.Max(0, skip),
            take);
        return (filter, from, to, outcome);
    }

    private static string Iso(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Cell(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;

    public static string Input(string label, string name, string type, string? value) =>
        $"<label>{H.E(label)}<input type=\"{type}\" name=\"{name}\" id=\"{name}\" maxlength=\"64\" value=\"{H.E(value)}\"></label>";

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim() is { Length: > 64 } longer ? longer[..64] : text.Trim();

    public static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string PageLink(HttpContext http, string path, int skip)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query.Where(q => q.Key != "skip").Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()));
        return path + "?" + string.Join('&', query.Append("skip=" + skip.ToString(CultureInfo.InvariantCulture)));
    }
}
