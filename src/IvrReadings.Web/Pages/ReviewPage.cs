using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>One call to review: its recordings, what the recognizer heard, the account's meters, a form to confirm the figures.</summary>
internal static class ReviewPage
{
    public static async Task<IResult> GetAsync(string callId, string? account, HttpContext http, PageContextFactory pages)
    {
        var page = await pages.CreateAsync(http);
        var model = await ReviewModel.LoadAsync(callId, account, page.Organisation, http.RequestServices, page.Aborted);
        return model is null ? NotFound(page) : Render(page, model, null, null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> PostAsync(string callId, HttpContext http, PageContextFactory pages, IReviewStore reviews, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var page = await pages.CreateAsync(http);
        var model = await ReviewModel.LoadAsync(callId, form["account"], page.Organisation, http.RequestServices, page.Aborted);
        if (model is null)
        {
            return NotFound(page);
        }

        var readings = new List<StaffReading>();
        var errors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var meter in model.Account?.Meters ?? [])
        {
            foreach (var zone in meter.Zones)
            {
                var name = FieldName(meter, zone);
                var text = form[name].ToString().Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                if (text.Length > 18 || !text.All(char.IsAsciiDigit)
                    || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > meter.Capacity)
                {
                    errors.Add(name);
                    continue;
                }

                readings.Add(new StaffReading(meter.Id, zone, value, model.Period));
            }
        }

        if (errors.Count > 0)
        {
            return Render(page, model, form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), errors, StatusCodes.Status400BadRequest);
        }

        await reviews.ResolveAsync(new ReviewResolution(callId, page.Login!, time.GetUtcNow(), readings), page.Aborted);
        return Results.Redirect("/queue?done=" + Uri.EscapeDataString(callId));
    }

    private static string FieldName(Meter meter, Zone zone) => string.Create(CultureInfo.InvariantCulture, $"v_{meter.Id}_{zone}");

    private static IResult NotFound(PageContext page) =>
        Layout.Page(page, page.T["call.notfound"], "queue", $"<p class=\"msg error\">{H.E(page.T["call.notfound"])}</p>", StatusCodes.Status404NotFound);

    private static IResult Render(PageContext page, ReviewModel model, IReadOnlyDictionary<string, string>? posted, IReadOnlySet<string>? errors, int status)
    {
        var t = page.T;
        var call = model.Call;
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["review.title"])).Append(" <span class=\"muted\">").Append(page.Time(call.StartedAt)).Append("</span></h1>");
        body.Append("<p>").Append(H.E(t["calls.caller"])).Append(": <strong>").Append(H.E(call.CallerNumber ?? "—")).Append("</strong> · ")
            .Append(H.E(t["account"])).Append(": ").Append(Fragments.AccountLink(model.AccountNumber)).Append(" · ")
            .Append(H.E(t["reading.period"])).Append(": ").Append(H.E(model.Period.ToString())).Append(" · <a href=\"/calls/").Append(H.Url(call.CallId))
            .Append("\">").Append(H.E(t["call.timeline"])).Append("</a></p>");
        if (call.ReviewedAt is not null)
        {
            body.Append("<p class=\"msg\">").Append(H.E(t["review.reviewed"])).Append(": ").Append(H.E(call.ReviewedBy)).Append(", ").Append(page.Time(call.ReviewedAt)).Append("</p>");
        }

        if (errors is { Count: > 0 })
        {
            body.Append("<p class=\"msg error\" id=\"review-error\">").Append(H.E(t["review.invalid"])).Append("</p>");
        }

        body.Append("<h2>").Append(H.E(t["review.recordings"])).Append("</h2>").Append(Fragments.Players(page, model.Recordings));

        // Choosing (or correcting) the account reloads the page with its meters.
        body.Append("<form class=\"filters\" method=\"get\" action=\"/queue/").Append(H.Url(call.CallId)).Append("\"><label>")
            .Append(H.E(t["review.account"])).Append("<input name=\"account\" id=\"account\" inputmode=\"numeric\" value=\"").Append(H.E(model.AccountNumber)).Append("\"></label>")
            .Append("<button class=\"small\" type=\"submit\">").Append(H.E(t["review.load"])).Append("</button></form>");
        if (model.Account is null)
        {
            body.Append("<p class=\"msg error\">").Append(H.E(model.AccountNumber is null ? t["review.noaccount"] : t["account.notfound"])).Append("</p>");
            return Layout.Page(page, t["review.title"], "queue", body.ToString(), status);
        }

        body.Append("<form method=\"post\" id=\"review-form\" action=\"/queue/").Append(H.Url(call.CallId)).Append("\">").Append(page.AntiforgeryField)
            .Append("<input type=\"hidden\" name=\"account\" value=\"").Append(H.E(model.Account.Number)).Append("\">")
            .Append("<table><thead><tr><th>").Append(H.E(t["meter"])).Append("</th><th>").Append(H.E(t["meter.zone"]))
            .Append("</th><th class=\"num\">").Append(H.E(t["meter.previous"])).Append("</th><th>").Append(H.E(t["review.machine"]))
            .Append("</th><th>").Append(H.E(t["review.value"])).Append("</th></tr></thead><tbody>");
        foreach (var meter in model.Account.Meters)
        {
            foreach (var zone in meter.Zones)
            {
                var name = FieldName(meter, zone);
                var previous = ReadingHistory.Previous(meter, model.AccountHistory, zone, model.Period);
                var machine = model.MachineReading(meter, zone);
                var value = posted is not null ? posted.GetValueOrDefault(name) : model.MachineValue(meter, zone);
                body.Append("<tr><td>").Append(Fragments.MeterName(t, meter)).Append("</td><td>").Append(H.E(t.Of(zone)))
                    .Append("</td><td class=\"num\">").Append(previous is { } p ? H.E(p.Value) + " <span class=\"muted\">" + H.E(p.Period.ToString()) + "</span>" : "—")
                    .Append("</td><td>").Append(machine is null ? "—" : H.E(machine.Value) + " " + Fragments.Flags(t, machine.Flags, machine.Status))
                    .Append("</td><td><input class=\"figure\" name=\"").Append(name).Append("\" id=\"").Append(name)
                    .Append("\" inputmode=\"numeric\" pattern=\"[0-9 ]*\" maxlength=\"22\" autocomplete=\"off\" value=\"").Append(H.E(value)).Append('"')
                    .Append(errors?.Contains(name) == true ? " aria-invalid=\"true\"" : string.Empty).Append("></td></tr>");
            }
        }

        body.Append("</tbody></table><p class=\"muted\">").Append(H.E(t["review.skip"])).Append("</p>")
            .Append("<button class=\"primary\" type=\"submit\" id=\"confirm\">").Append(H.E(t["review.confirm"])).Append("</button></form>");
        return Layout.Page(page, t["review.title"], "queue", body.ToString(), status);
    }
}
