using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>An account: its meters and their reading history with channel and flags.</summary>
internal static class AccountPage
{
    public static async Task<IResult> GetAsync(string number, HttpContext http, PageContextFactory pages, IAccountStore accounts, IReadingStore readings)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var account = await accounts.FindAsync(number, page.Aborted);
        if (account is null)
        {
            return Layout.Page(page, t["account.notfound"], "calls", $"<p class=\"msg error\">{H.E(t["account.notfound"])}</p>", StatusCodes.Status404NotFound);
        }

        var history = await readings.AccountHistoryAsync(account.Number, page.Aborted);
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["account.title"])).Append(' ').Append(H.E(account.Number)).Append("</h1>");
        body.Append("<p>").Append(H.E(t["account.holder"])).Append(": <strong>").Append(H.E(account.Holder)).Append("</strong> · ")
            .Append(H.E(t["account.address"])).Append(": ").Append(H.E(account.Address))
            .Append(" · <a href=\"/calls?account=").Append(H.Url(account.Number)).Append("\">").Append(H.E(t["nav.calls"])).Append("</a></p>");

        body.Append("<h2>").Append(H.E(t["account.meters"])).Append("</h2><table id=\"meters\"><thead><tr>");
        foreach (var head in new[] { "meter.kind", "meter.description", "meter.serial", "meter.zone", "meter.last", "meter.nextcheck", "meter.autofill" })
        {
            body.Append("<th>").Append(H.E(t[head])).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var meter in account.Meters)
        {
            var zones = string.Join("<br>", meter.Zones.Select(z => H.E(t.Of(z))));
            var last = string.Join("<br>", meter.Zones.Select(z => meter.LastFor(z) is { } l
                ? H.E(l.Value) + " <span class=\"muted\">" + H.E(l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + "</span>"
                : "—"));
            body.Append("<tr><td>").Append(H.E(t.Of(meter.Kind))).Append("</td><td>").Append(H.E(meter.Description)).Append("</td><td>")
                .Append(H.E(meter.Serial)).Append("</td><td>").Append(zones).Append("</td><td>").Append(last).Append("</td><td>")
                .Append(meter.NextVerification is { } v ? H.E(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "—").Append("</td><td>")
                .Append(meter.AutoFillAmount is { } a ? H.E(a) : "—").Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append("<h2>").Append(H.E(t["account.history"])).Append("</h2>")
            .Append(Fragments.ReadingsTable(page, history, account.Meters.ToDictionary(m => m.Id), showCall: true));
        return Layout.Page(page, t["account.title"] + " " + account.Number, "calls", body.ToString());
    }
}
