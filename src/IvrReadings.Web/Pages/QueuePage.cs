using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>Voice calls waiting for staff, oldest first.</summary>
internal static class QueuePage
{
    private const int PageSize = 50;

    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, IReviewStore reviews, int? skip)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var from = Math.Max(0, skip ?? 0);
        var items = await reviews.QueueAsync(from, PageSize, page.Aborted);
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["queue.title"])).Append(" <span class=\"badge").Append(page.Backlog == 0 ? " zero" : string.Empty)
            .Append("\">").Append(H.E(page.Backlog)).Append("</span></h1>");
        if (http.Request.Query.ContainsKey("done"))
        {
            body.Append("<p class=\"msg\" id=\"saved\">").Append(H.E(t["review.saved"])).Append("</p>");
        }

        if (items.Count == 0)
        {
            body.Append("<p class=\"muted\" id=\"queue-empty\">").Append(H.E(t["queue.empty"])).Append("</p>");
            return Layout.Page(page, t["queue.title"], "queue", body.ToString());
        }

        body.Append("<table id=\"queue\"><thead><tr><th>").Append(H.E(t["calls.started"])).Append("</th><th>").Append(H.E(t["calls.caller"]))
            .Append("</th><th>").Append(H.E(t["account"])).Append("</th><th class=\"num\">").Append(H.E(t["queue.readings"]))
            .Append("</th><th class=\"num\">").Append(H.E(t["review.recordings"])).Append("</th><th></th></tr></thead><tbody>");
        foreach (var item in items)
        {
            body.Append("<tr data-call=\"").Append(H.E(item.CallId)).Append("\"><td>").Append(page.Time(item.StartedAt)).Append("</td><td>")
                .Append(H.E(item.CallerNumber ?? "—")).Append("</td><td>").Append(Fragments.AccountLink(item.AccountNumber))
                .Append("</td><td class=\"num\">").Append(H.E(item.ReadingsNeedingReview)).Append("</td><td class=\"num\">")
                .Append(H.E(item.UnresolvedRecordings)).Append("</td><td><a class=\"review\" href=\"/queue/").Append(H.Url(item.CallId)).Append("\">")
                .Append(H.E(t["queue.open"])).Append("</a></td></tr>");
        }

        body.Append("</tbody></table>");
        if (items.Count == PageSize)
        {
            body.Append("<p><a href=\"/queue?skip=").Append(from + PageSize).Append("\">").Append(H.E(t["calls.next"])).Append("</a></p>");
        }

        return Layout.Page(page, t["queue.title"], "queue", body.ToString());
    }
}
