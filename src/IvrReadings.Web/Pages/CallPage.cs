using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>One call: its details, recordings, timeline (prompts, keys, recognitions, readings) and stored readings.</summary>
internal static class CallPage
{
    public static async Task<IResult> GetAsync(string callId, HttpContext http, PageContextFactory pages, ICallLog calls, IRecordingStore recordings, IReadingStore readings, IAccountStore accounts)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var call = await calls.GetAsync(callId, page.Aborted);
        if (call is null)
        {
            return Layout.Page(page, t["call.notfound"], "calls", $"<p class=\"msg error\">{H.E(t["call.notfound"])}</p>", StatusCodes.Status404NotFound);
        }

        var timeline = await calls.TimelineAsync(callId, page.Aborted);
        var audio = await recordings.ForCallAsync(callId, page.Aborted);
        var stored = await readings.ForCallAsync(callId, page.Aborted);
        var meters = new Dictionary<long, Meter>();
        foreach (var meterId in stored.Select(r => r.MeterId).Distinct())
        {
            if (await accounts.FindMeterAsync(meterId, page.Aborted) is { } meter)
            {
                meters[meterId] = meter;
            }
        }

        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["call.title"])).Append(" <span class=\"muted\">").Append(page.Time(call.StartedAt)).Append("</span></h1>");
        body.Append("<div class=\"card\"><table class=\"kv\"><tbody>");
        Row(body, t["calls.channel"], H.E(t.Of(call.Channel)));
        Row(body, t["calls.script"], H.E(call.Script));
        Row(body, t["calls.caller"], H.E(call.CallerNumber ?? "—"));
        Row(body, t["account"], Fragments.AccountLink(call.AccountNumber));
        Row(body, t["calls.duration"], H.Duration(call.EndedAt - call.StartedAt));
        Row(body, t["calls.outcome"], Fragments.Outcome(t, call));
        Row(body, t["calls.step"], H.E(call.LastStep ?? "—"));
        Row(body, t["call.id"], "<code>" + H.E(call.CallId) + "</code>");
        if (call.Asterisk is { } asterisk)
        {
            // Asterisk's names, to find the call in its logs and CDRs: attributes, never the call's identity.
            Row(body, t["call.asterisk"], string.Join(", ", new[] { asterisk.UniqueId, asterisk.Channel, asterisk.SystemName }
                .Where(v => !string.IsNullOrEmpty(v)).Select(v => "<code>" + H.E(v) + "</code>")));
        }
        if (call.ReviewedAt is not null)
        {
            Row(body, t["review.reviewed"], H.E(call.ReviewedBy) + ", " + page.Time(call.ReviewedAt));
        }

        body.Append("</tbody></table>");
        if (call.Outcome is CallOutcome.Voice or CallOutcome.NeedsReview || audio.Count > 0)
        {
            body.Append("<p><a href=\"/queue/").Append(H.Url(call.CallId)).Append("\">").Append(H.E(t["queue.open"])).Append("</a></p>");
        }

        body.Append("</div>");
        if (audio.Count > 0)
        {
            body.Append("<h2>").Append(H.E(t["review.recordings"])).Append("</h2>").Append(Fragments.Players(page, audio));
        }

        body.Append("<h2>").Append(H.E(t["call.timeline"])).Append("</h2><ol class=\"timeline card\" id=\"timeline\">");
        foreach (var line in timeline)
        {
            var e = line.Event;
            body.Append("<li><span class=\"t\">").Append(page.Time(e.At)).Append("</span><span class=\"flag\">").Append(H.E(t.Of(e.Kind))).Append("</span> ");
            if (!string.IsNullOrEmpty(e.Step))
            {
                body.Append("<span class=\"muted\">").Append(H.E(e.Step)).Append("</span> ");
            }

            body.Append(H.E(e.Text ?? string.Empty));
            if (!string.IsNullOrEmpty(e.Data))
            {
                body.Append(" <code class=\"muted\">").Append(H.E(e.Data.Length > 300 ? e.Data[..300] + "…" : e.Data)).Append("</code>");
            }

            body.Append("</li>");
        }

        if (timeline.Count == 0)
        {
            body.Append("<li class=\"muted\">—</li>");
        }

        body.Append("</ol><h2>").Append(H.E(t["call.readings"])).Append("</h2>").Append(Fragments.ReadingsTable(page, stored, meters, showCall: false));
        return Layout.Page(page, t["call.title"], "calls", body.ToString());
    }

    private static void Row(StringBuilder body, string label, string html) =>
        body.Append("<tr><th>").Append(H.E(label)).Append("</th><td>").Append(html).Append("</td></tr>");
}
