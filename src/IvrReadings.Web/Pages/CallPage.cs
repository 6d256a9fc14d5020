using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>One call: its details, recordings, timeline (prompts, keys, recognitions, readings) and stored readings.</summary>
internal static class CallPage
{
    public static async Task<IResult> GetAsync(string callId, HttpContext http, PageContextFactory pages, ICallLog calls, IRecordingStore recordings, IReadingStore readings,
        IAccountStore accounts, IReviewStore reviews)
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
        var review = await reviews.StateAsync(callId, page.Aborted);
        var meters = new Dictionary<long, Meter>();
        foreach (var meterId in stored.Select(r => r.MeterId).Concat(audio.Where(a => a.MeterId is not null).Select(a => a.MeterId!.Value)).Distinct())
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
        Row(body, t["call.language"], H.E(t.Of(call.Language)));
        Row(body, t["calls.caller"], "<span class=\"caller\">" + H.E(call.CallerNumber ?? "—") + "</span>");
        Row(body, t["account"], Fragments.AccountLink(call.AccountNumber));
        Row(body, t["calls.duration"], H.Duration(call.EndedAt - call.StartedAt));
        Row(body, t["calls.outcome"], Fragments.Outcome(t, call));
        Row(body, t["calls.step"], H.E(t.Step(call.LastStep)));
        Row(body, t["call.id"], "<code id=\"call-id\">" + H.E(call.CallId) + "</code>");
        if (call.Asterisk is { } asterisk)
        {
            // Asterisk's names, to find the call in its logs and CDRs: attributes, never the call's identity.
            AsteriskRow(body, t["call.asterisk.uniqueid"], asterisk.UniqueId, "asterisk-uniqueid");
            AsteriskRow(body, t["call.asterisk.channel"], asterisk.Channel, "asterisk-channel");
            AsteriskRow(body, t["call.asterisk.system"], asterisk.SystemName, "asterisk-system");
        }

        if (review.Outcome is { } outcome)
        {
            Row(body, t["review.reviewed"], "<strong id=\"review-outcome\">" + H.E(t.Of(outcome)) + "</strong> — " + H.E(review.ReviewedBy) + ", " + page.Time(review.ReviewedAt)
                + (review.CallbackNumber is null ? string.Empty : " · " + H.E(t["review.callbackto"]) + " " + H.E(review.CallbackNumber))
                + (review.Note is null ? string.Empty : " · <q>" + H.E(review.Note) + "</q>"));
        }
        else if (call.ReviewedAt is not null)
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
            body.Append("<h2>").Append(H.E(t["review.recordings"])).Append("</h2>").Append("<div class=\"card\">").Append(RecordingCards.Render(page, audio, meters.Values)).Append("</div>");
        }

        body.Append("<h2>").Append(H.E(t["call.timeline"])).Append("</h2><ol class=\"timeline card\" id=\"timeline\">");
        foreach (var line in timeline)
        {
            var e = line.Event;
            body.Append("<li><span class=\"t\">").Append(page.Time(e.At)).Append("</span><span class=\"flag\">").Append(H.E(t.Of(e.Kind))).Append("</span> ");
            if (!string.IsNullOrEmpty(e.Step))
            {
                body.Append("<span class=\"muted\">").Append(H.E(t.Step(e.Step))).Append("</span> ");
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

    private static void AsteriskRow(StringBuilder body, string label, string? value, string id)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Row(body, label, "<code id=\"" + id + "\">" + H.E(value) + "</code>");
        }
    }

    private static void Row(StringBuilder body, string label, string html) =>
        body.Append("<tr><th>").Append(H.E(label)).Append("</th><td>").Append(html).Append("</td></tr>");
}
