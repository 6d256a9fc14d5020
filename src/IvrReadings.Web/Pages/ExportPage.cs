using System.Text;
using IvrReadings.Domain;
using IvrReadings.Storage;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>Supervisors: the period's counting readings as the billing CSV (the same <see cref="ReadingExporter"/> as the CLI).</summary>
internal static class ExportPage
{
    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, TimeProvider time)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var current = page.Organisation.Window.PeriodAt(time.GetUtcNow());
        var body = $"""
            <h1>{H.E(t["export.title"])}</h1>
            <div class="card"><p class="muted">{H.E(t["export.hint"])}</p>
            <form class="filters" method="get" action="/export/readings.csv">
            <label>{H.E(t["export.period"])}<input name="period" id="period" value="{H.E(current.ToString())}" pattern="[0-9][0-9][0-9][0-9]-[0-1][0-9]" required></label>
            <button class="primary" type="submit" id="download">{H.E(t["export.submit"])}</button>
            </form></div>
            """;
        return Layout.Page(page, t["export.title"], "export", body);
    }

    public static async Task<IResult> DownloadAsync(string? period, HttpContext http, PageContextFactory pages, ReadingExporter exporter, IAuditLog audit, TimeProvider time)
    {
        if (!BillingPeriod.TryParse(period, out var parsed))
        {
            var page = await pages.CreateAsync(http);
            return Layout.Page(page, page.T["export.title"], "export", $"<p class=\"msg error\">{H.E(page.T["export.bad"])}</p>", StatusCodes.Status400BadRequest);
        }

        // Buffered: the exporter writes synchronously-flushing text, which Kestrel refuses on the response stream.
        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await exporter.ExportAsync(parsed, text, http.RequestAborted);
        await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), http.User.Identity?.Name, AuditActions.ReadingsExported, parsed.ToString(),
            rows.ToString(System.Globalization.CultureInfo.InvariantCulture), http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"readings-{parsed}.csv");
    }
}
