using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.I18n;

namespace IvrReadings.Web.Pages.Review;

/// <summary>
/// One call to review, laid out for the keyboard: the outcome buttons first (Enter confirms), the account with its
/// recordings beside the field, then each meter zone with the machine's figure, the field and the recordings that fill it.
/// </summary>
internal static class ReviewPage
{
    public static IResult NotFound(PageContext page) =>
        Layout.Page(page, page.T["call.notfound"], "queue", $"<p class=\"msg error\">{H.E(page.T["call.notfound"])}</p>", StatusCodes.Status404NotFound);

    public static IResult Render(PageContext page, ReviewModel model, ClaimResult claim, ReviewForm? posted, StaffEntryResult? check, string? message, int status)
    {
        var t = page.T;
        var call = model.Call;
        var path = "/queue/" + H.Url(call.CallId);
        var meters = model.Account?.Meters ?? [];
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["review.title"])).Append(" <span class=\"muted\">").Append(page.Time(call.StartedAt)).Append("</span></h1>");
        body.Append("<p id=\"callinfo\">").Append(H.E(t["calls.caller"])).Append(": <strong id=\"caller\">").Append(H.E(call.CallerNumber ?? "—")).Append("</strong> · ")
            .Append(H.E(t["call.language"])).Append(": <span class=\"flag lang\" id=\"call-language\">").Append(H.E(t.Of(call.Language))).Append("</span> · ")
            .Append(H.E(t["reading.period"])).Append(": ").Append(H.E(model.Period.ToString())).Append(" · <a href=\"/calls/").Append(H.Url(call.CallId))
            .Append("\">").Append(H.E(t["call.timeline"])).Append("</a></p>");
        Claim(body, page, claim, path);
        Reviewed(body, page, model.State);
        if (message is not null)
        {
            var info = message is "review.confirmfindings";
            body.Append("<p class=\"msg").Append(info ? " warn" : " error").Append("\" id=\"review-error\">").Append(H.E(t[message])).Append("</p>");
        }

        var disabled = claim.Claimed ? string.Empty : " disabled";
        body.Append("<form method=\"post\" id=\"review-form\" action=\"").Append(path).Append("\">").Append(page.AntiforgeryField)
            .Append("<input type=\"hidden\" name=\"version\" value=\"").Append(model.State.Version.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append("<input type=\"hidden\" name=\"shown_account\" value=\"").Append(H.E(model.Account?.Number)).Append("\">");
        Actions(body, page, model, posted, path, disabled);
        AccountSection(body, page, model, meters, posted);
        var others = model.OtherRecordings.ToList();
        if (others.Count > 0)
        {
            body.Append("<section class=\"card\" data-group id=\"other-recordings\"><h2>").Append(H.E(t["review.recordings"])).Append("</h2>")
                .Append(RecordingCards.Render(page, others, meters)).Append("</section>");
        }

        if (model.Account is not null)
        {
            MeterTable(body, page, model, posted, check);
        }

        body.Append("</form>");
        return Layout.Page(page, t["review.title"], "queue", body.ToString(), status);
    }

    private static void Claim(StringBuilder body, PageContext page, ClaimResult claim, string path)
    {
        var t = page.T;
        if (claim.Claimed)
        {
            body.Append("<p class=\"muted\" id=\"claim\">").Append(H.E(t["review.yours"])).Append(' ').Append(claim.Until is { } until ? page.Clock(until) : "—").Append("</p>");
            return;
        }

        body.Append("<div class=\"msg error\" id=\"claimed\">").Append(H.E(string.Format(CultureInfo.InvariantCulture, t["review.heldby"], claim.Holder)))
            .Append(' ').Append(claim.Until is { } held ? page.Clock(held) : "—")
            .Append(". <form class=\"inline\" method=\"post\" action=\"").Append(path).Append("/claim\">").Append(page.AntiforgeryField)
            .Append("<button class=\"small\" id=\"take-over\">").Append(H.E(t["review.takeover"])).Append("</button></form></div>");
    }

    private static void Reviewed(StringBuilder body, PageContext page, ReviewState state)
    {
        if (state.Version == 0 || state.Outcome is not { } outcome)
        {
            return;
        }

        var t = page.T;
        body.Append("<p class=\"msg\" id=\"reviewed\">").Append(H.E(t["review.reviewed"])).Append(": <strong>").Append(H.E(t.Of(outcome))).Append("</strong> — ")
            .Append(H.E(state.ReviewedBy)).Append(", ").Append(page.Time(state.ReviewedAt));
        if (state.CallbackNumber is not null)
        {
            body.Append(" · ").Append(H.E(t["review.callbackto"])).Append(' ').Append(H.E(state.CallbackNumber));
        }

        if (state.Note is not null)
        {
            body.Append(" · <q>").Append(H.E(state.Note)).Append("</q>");
        }

        body.Append("</p>");
    }

    private static void Actions(StringBuilder body, PageContext page, ReviewModel model, ReviewForm? posted, string path, string disabled)
    {
        var t = page.T;
        body.Append("<div class=\"card actions\" id=\"actions\">")
            .Append("<button class=\"primary\" type=\"submit\" name=\"outcome\" value=\"ReadingsConfirmed\" id=\"confirm\"").Append(disabled).Append('>')
            .Append(H.E(t["review.confirm"])).Append(" <kbd>Enter</kbd></button>")
            .Append("<button type=\"submit\" name=\"outcome\" value=\"NoReadings\" id=\"no-readings\" accesskey=\"n\"").Append(disabled).Append('>')
            .Append(H.E(t["ReviewOutcome.NoReadings"])).Append(" <kbd>Alt+N</kbd></button>")
            .Append("<button type=\"submit\" name=\"outcome\" value=\"NotOurCustomer\" id=\"not-customer\" accesskey=\"x\"").Append(disabled).Append('>')
            .Append(H.E(t["ReviewOutcome.NotOurCustomer"])).Append(" <kbd>Alt+X</kbd></button>")
            .Append("<button type=\"submit\" formaction=\"").Append(path).Append("/release\" id=\"release\">").Append(H.E(t["review.release"])).Append("</button>")
            .Append("<div class=\"callback\"><label>").Append(H.E(t["review.callbacknumberlabel"]))
            .Append("<input name=\"callback_number\" id=\"callback-number\" inputmode=\"tel\" maxlength=\"40\" autocomplete=\"off\" value=\"")
            .Append(H.E(posted?.CallbackText ?? model.Call.CallerNumber)).Append("\"></label><label>").Append(H.E(t["review.note"]))
            .Append("<input name=\"note\" id=\"note\" maxlength=\"").Append(ReviewForm.MaxNote.ToString(CultureInfo.InvariantCulture)).Append("\" autocomplete=\"off\" value=\"")
            .Append(H.E(posted?.Note)).Append("\"></label>")
            .Append("<button type=\"submit\" name=\"outcome\" value=\"CallBack\" id=\"call-back\" accesskey=\"b\"").Append(disabled).Append('>')
            .Append(H.E(t["ReviewOutcome.CallBack"])).Append(" <kbd>Alt+B</kbd></button></div>")
            .Append("<p class=\"muted keys\" id=\"keys\">").Append(H.E(t["review.keys"])).Append("</p></div>");
    }

    private static void AccountSection(StringBuilder body, PageContext page, ReviewModel model, IReadOnlyList<Meter> meters, ReviewForm? posted)
    {
        var t = page.T;
        body.Append("<section class=\"card account\" data-group id=\"account-section\"><h2>").Append(H.E(t["account"])).Append("</h2>");
        body.Append(RecordingCards.Render(page, model.AccountRecordings, meters));
        body.Append("<div class=\"filters\"><label>").Append(H.E(t["review.account"]))
            .Append("<input name=\"account\" id=\"account\" inputmode=\"numeric\" maxlength=\"20\" autocomplete=\"off\" value=\"")
            .Append(H.E(model.AccountNumber)).Append('"').Append(model.Account is null && posted is null ? " autofocus" : string.Empty).Append("></label>")
            .Append("<button class=\"small\" type=\"submit\" name=\"load\" value=\"1\" id=\"load\">").Append(H.E(t["review.load"])).Append("</button></div>");
        var hint = model.Account is null
            ? (model.AccountNumber is null ? t["review.noaccount"] : t["account.notfound"])
            : model.Source == AccountSource.CallerNumber ? string.Format(CultureInfo.InvariantCulture, t["review.suggested"], model.Call.CallerNumber) : null;
        if (hint is not null)
        {
            body.Append("<p class=\"msg").Append(model.Account is null ? " error" : " warn").Append("\" id=\"account-hint\">").Append(H.E(hint)).Append("</p>");
        }

        if (model.Account is { } account)
        {
            body.Append("<p id=\"holder\">").Append(H.E(account.Holder)).Append(" · ").Append(H.E(account.Address)).Append(" · ")
                .Append(Fragments.AccountLink(account.Number)).Append("</p>");
        }

        body.Append("</section>");
    }

    private static void MeterTable(StringBuilder body, PageContext page, ReviewModel model, ReviewForm? posted, StaffEntryResult? check)
    {
        var t = page.T;
        var figures = model.CallFigures();
        var focus = FocusField(model, figures, check);
        body.Append("<table class=\"review\" id=\"meters\"><thead><tr><th>").Append(H.E(t["meter"])).Append("</th><th class=\"num\">").Append(H.E(t["meter.previous"]))
            .Append("</th><th>").Append(H.E(t["review.machine"])).Append("</th><th>").Append(H.E(t["review.value"])).Append("</th><th>")
            .Append(H.E(t["review.recordings"])).Append("</th></tr></thead><tbody>");
        foreach (var meter in model.Account!.Meters)
        {
            foreach (var zone in meter.Zones)
            {
                var name = ReviewForm.FieldName(meter.Id, zone);
                var previous = ReadingHistory.Previous(meter, model.AccountHistory, zone, model.Period);
                var machine = model.MachineReading(meter, zone);
                var value = posted is not null ? posted.Raw.GetValueOrDefault(name) : figures.TryGetValue((meter.Id, zone), out var given) ? given.ToString(CultureInfo.InvariantCulture) : null;
                var zoneCheck = check?.For(meter.Id, zone);
                var invalid = posted?.BadFields.Contains(name) == true || zoneCheck?.Verdict is EntryVerdict.Rejected or EntryVerdict.Incomplete;
                body.Append("<tr data-group data-field=\"").Append(name).Append("\"><td>").Append(Fragments.MeterName(t, meter));
                if (meter.ZoneCount > 1)
                {
                    body.Append("<br><strong>").Append(H.E(t.Of(zone))).Append("</strong>");
                }

                body.Append("</td><td class=\"num\">").Append(previous is { } p ? H.E(p.Value) + " <span class=\"muted\">" + H.E(p.Period.ToString()) + "</span>" : "—")
                    .Append("</td><td>").Append(machine is null ? "—" : H.E(machine.Value) + " " + Fragments.Flags(t, machine.Flags, machine.Status))
                    .Append("</td><td><input class=\"figure\" name=\"").Append(name).Append("\" id=\"").Append(name)
                    .Append("\" inputmode=\"numeric\" pattern=\"[0-9 ]*\" maxlength=\"22\" autocomplete=\"off\" value=\"").Append(H.E(value)).Append('"')
                    .Append(invalid ? " aria-invalid=\"true\"" : string.Empty).Append(name == focus ? " autofocus" : string.Empty).Append('>');
                if (zoneCheck is not null)
                {
                    Findings(body, t, zoneCheck);
                }

                body.Append("</td><td>").Append(RecordingCards.Render(page, model.ZoneRecordings(meter, zone), model.Account.Meters)).Append("</td></tr>");
            }
        }

        body.Append("</tbody></table><p class=\"muted\">").Append(H.E(t["review.skip"])).Append("</p>");
    }

    /// <summary>Where the cursor starts: the first zone the rules spoke about, else the first the call gave a figure or a recording for.</summary>
    private static string? FocusField(ReviewModel model, IReadOnlyDictionary<(long MeterId, Zone Zone), long> figures, StaffEntryResult? check)
    {
        if (check?.Zones.FirstOrDefault(z => z.Verdict is not (EntryVerdict.Ok or EntryVerdict.Empty)) is { } problem)
        {
            return ReviewForm.FieldName(problem.MeterId, problem.Zone);
        }

        var zones = model.Account!.Meters.SelectMany(m => m.Zones.Select(z => (Meter: m, Zone: z))).ToList();
        var first = zones.FirstOrDefault(z => figures.ContainsKey((z.Meter.Id, z.Zone)) || model.ZoneRecordings(z.Meter, z.Zone).Any());
        var chosen = first.Meter is not null ? first : zones.FirstOrDefault();
        return chosen.Meter is null ? null : ReviewForm.FieldName(chosen.Meter.Id, chosen.Zone);
    }

    private static void Findings(StringBuilder body, UiText t, ZoneCheck check)
    {
        if (check.Verdict == EntryVerdict.Incomplete)
        {
            body.Append("<div class=\"finding bad\">").Append(H.E(t["finding.incomplete"])).Append("</div>");
            return;
        }

        foreach (var finding in check.Findings)
        {
            var css = check.Verdict == EntryVerdict.Rejected ? "bad" : "warn";
            body.Append("<div class=\"finding ").Append(css).Append("\" data-reason=\"").Append(finding.Reason).Append("\">").Append(H.E(Describe(t, finding))).Append("</div>");
        }

        if (check.Verdict == EntryVerdict.NeedsConfirmation)
        {
            body.Append("<div class=\"finding ask\">").Append(H.E(t["finding.confirm"])).Append("</div>")
                .Append("<input type=\"hidden\" name=\"").Append(ReviewForm.ConfirmName(check.MeterId, check.Zone)).Append("\" value=\"")
                .Append(H.E(check.Value ?? 0)).Append("\">");
        }
    }

    /// <summary>A finding as staff read it, with its figures: what the phone says to the caller.</summary>
    public static string Describe(UiText t, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(finding);
        static string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "—";
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
        return finding.Reason switch
        {
            Reason.LowerThanPrevious => string.Format(CultureInfo.InvariantCulture, t["finding.lower"], N(finding.Previous)),
            Reason.LargeJump => string.Format(CultureInfo.InvariantCulture, t["finding.jump"], N(finding.Previous), N(finding.AverageConsumption)),
            Reason.VerificationOverdue => string.Format(CultureInfo.InvariantCulture, t["finding.overdue"], D(finding.VerificationDue)),
            Reason.TooManyDigits => string.Format(CultureInfo.InvariantCulture, t["finding.digits"], finding.Digits),
            Reason.OutsideWindow => string.Format(CultureInfo.InvariantCulture, t["finding.window"], D(finding.WindowOpens), D(finding.WindowCloses)),
            _ => t.Of(finding.Reason),
        };
    }
}
