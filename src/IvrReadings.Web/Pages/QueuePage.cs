using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.I18n;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Pages;

/// <summary>Voice calls waiting for staff, oldest first: how long the oldest has waited, how many per language, who has which open.</summary>
internal static class QueuePage
{
    private const int PageSize = 50;

    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, IReviewStore reviews, TimeProvider time, IOptions<ConsoleOptions> options, int? skip)
    {
        var page = await pages.CreateAsync(http);
        page.RefreshSeconds = Math.Max(0, options.Value.RefreshSeconds);
        var t = page.T;
        var now = time.GetUtcNow();
        var from = Math.Max(0, skip ?? 0);
        var items = await reviews.QueueAsync(from, PageSize, now, page.Aborted);
        var stats = await reviews.StatsAsync(now, page.Aborted);
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["queue.title"])).Append(" <span class=\"badge").Append(stats.Count == 0 ? " zero" : string.Empty)
            .Append("\">").Append(H.E(stats.Count)).Append("</span></h1>");
        if (http.Request.Query.ContainsKey("done"))
        {
            body.Append("<p class=\"msg\" id=\"saved\">").Append(H.E(t[stats.Count == 0 ? "queue.alldone" : "review.saved"])).Append("</p>");
        }

        body.Append("<div class=\"grid stats\" id=\"queue-stats\">");
        Stat(body, t["queue.count"], H.E(t.Count("count.calls", stats.Count)), "queue-count");
        Stat(body, t["queue.oldest"], stats.Oldest is { } oldest ? H.E(Age(t, now - oldest)) : "—", "queue-oldest");
        Stat(body, t["queue.languages"], string.Join(" · ", Enum.GetValues<PromptLanguage>().Select(l =>
            H.E(t.Of(l)) + " " + H.E(stats.ByLanguage.GetValueOrDefault(l)))), "queue-languages");
        Stat(body, t["queue.claimed"], H.E(t.Count("count.calls", stats.Claimed)), "queue-claimed");
        body.Append("</div>");

        if (items.Count == 0)
        {
            body.Append("<p class=\"muted\" id=\"queue-empty\">").Append(H.E(t["queue.empty"])).Append("</p>");
            return Layout.Page(page, t["queue.title"], "queue", body.ToString());
        }

        body.Append("<form method=\"get\" action=\"/queue/next\"><button class=\"primary\" id=\"start\" autofocus>").Append(H.E(t["queue.start"]))
            .Append(" <kbd>Enter</kbd></button></form>");
        body.Append("<table id=\"queue\"><thead><tr>");
        foreach (var head in new[] { "calls.started", "queue.waiting", "call.language", "calls.caller", "account" })
        {
            body.Append("<th>").Append(H.E(t[head])).Append("</th>");
        }

        body.Append("<th class=\"num\">").Append(H.E(t["queue.readings"])).Append("</th><th class=\"num\">").Append(H.E(t["review.recordings"]))
            .Append("</th><th>").Append(H.E(t["queue.who"])).Append("</th><th></th></tr></thead><tbody>");
        foreach (var item in items)
        {
            body.Append("<tr data-call=\"").Append(H.E(item.CallId)).Append("\"><td>").Append(page.Time(item.StartedAt)).Append("</td><td>")
                .Append(H.E(Age(t, now - item.StartedAt))).Append("</td><td>").Append(H.E(t.Of(item.Language))).Append("</td><td class=\"caller\">")
                .Append(H.E(item.CallerNumber ?? "—")).Append("</td><td>").Append(Fragments.AccountLink(item.AccountNumber))
                .Append("</td><td class=\"num\">").Append(H.E(item.ReadingsNeedingReview)).Append("</td><td class=\"num\">")
                .Append(H.E(item.UnresolvedRecordings)).Append("</td><td class=\"claim\">");
            if (item.ClaimedBy is { } holder)
            {
                body.Append("<span class=\"flag warn\">").Append(H.E(holder)).Append(' ').Append(H.E(t["queue.until"])).Append(' ')
                    .Append(item.ClaimedUntil is { } until ? page.Clock(until) : "—").Append("</span>");
            }

            body.Append("</td><td><a class=\"review\" href=\"/queue/").Append(H.Url(item.CallId)).Append("\">").Append(H.E(t["queue.open"])).Append("</a></td></tr>");
        }

        body.Append("</tbody></table>");
        if (items.Count == PageSize)
        {
            body.Append("<p><a href=\"/queue?skip=").Append(from + PageSize).Append("\">").Append(H.E(t["calls.next"])).Append("</a></p>");
        }

        return Layout.Page(page, t["queue.title"], "queue", body.ToString());
    }

    /// <summary>"3 h 5 min", "12 min", "2 d 4 h", with the units in the page's language.</summary>
    public static string Age(UiText t, TimeSpan age)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalDays >= 1 ? t.Count("count.days", (long)age.TotalDays) + " " + t.Count("count.hours", age.Hours)
            : age.TotalHours >= 1 ? t.Count("count.hours", (long)age.TotalHours) + " " + t.Count("count.minutes", age.Minutes)
            : t.Count("count.minutes", (long)age.TotalMinutes);
    }

    private static void Stat(StringBuilder body, string label, string html, string id) =>
        body.Append("<div class=\"card\"><div class=\"muted\">").Append(H.E(label)).Append("</div><div class=\"stat small\" id=\"").Append(id).Append("\">")
            .Append(html).Append("</div></div>");
}
