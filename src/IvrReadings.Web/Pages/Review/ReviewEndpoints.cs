using IvrReadings.Domain;
using IvrReadings.Web.Html;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Pages.Review;

/// <summary>
/// The review desk: opening a call claims it for <c>Console:ClaimMinutes</c>; the form closes it with an explicit outcome
/// and the next call opens by itself. Figures go through the callers' rules (<see cref="StaffEntryCheck"/>).
/// </summary>
internal static class ReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/queue/next", NextAsync);
        app.MapGet("/queue/{callId}", GetAsync);
        app.MapPost("/queue/{callId}", PostAsync);
        app.MapPost("/queue/{callId}/claim", TakeOverAsync);
        app.MapPost("/queue/{callId}/release", ReleaseAsync);
    }

    /// <summary>The oldest call nobody else has open, claimed for the reviewer; the queue when there is none.</summary>
    public static async Task<IResult> NextAsync(HttpContext http, IReviewStore reviews, TimeProvider time, IOptions<ConsoleOptions> options)
    {
        var next = await reviews.ClaimNextAsync(http.User.Identity!.Name!, time.GetUtcNow(), Hold(options), http.RequestAborted);
        return Results.Redirect(next is null ? "/queue?done=1" : "/queue/" + Uri.EscapeDataString(next));
    }

    public static async Task<IResult> GetAsync(string callId, string? account, HttpContext http, PageContextFactory pages, IReviewStore reviews,
        TimeProvider time, IOptions<ConsoleOptions> options)
    {
        var page = await pages.CreateAsync(http);
        var model = await ReviewModel.LoadAsync(callId, account, page.Organisation, http.RequestServices, page.Aborted);
        if (model is null)
        {
            return ReviewPage.NotFound(page);
        }

        var claim = await reviews.ClaimAsync(callId, page.Login!, time.GetUtcNow(), Hold(options), takeOver: false, page.Aborted);
        return ReviewPage.Render(page, model, claim, null, null, null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> PostAsync(string callId, HttpContext http, PageContextFactory pages, IReviewStore reviews, TimeProvider time,
        IOptions<ConsoleOptions> options)
    {
        var raw = await http.Request.ReadFormAsync(http.RequestAborted);
        var page = await pages.CreateAsync(http);
        var typed = raw["account"].ToString();
        var model = await ReviewModel.LoadAsync(callId, typed, page.Organisation, http.RequestServices, page.Aborted);
        if (model is null)
        {
            return ReviewPage.NotFound(page);
        }

        var form = ReviewForm.Parse(raw, model.Account);
        var outcome = form.Outcome ?? ReviewOutcome.ReadingsConfirmed;
        var now = time.GetUtcNow();
        var claim = await reviews.ClaimAsync(callId, page.Login!, now, Hold(options), takeOver: false, page.Aborted);
        if (!claim.Claimed)
        {
            return ReviewPage.Render(page, model, claim, form, null, "review.held", StatusCodes.Status409Conflict);
        }

        // "Show meters", or Enter in the account field after typing another account: show that account's meters, store nothing.
        if (raw.ContainsKey("load") || (outcome == ReviewOutcome.ReadingsConfirmed && form.AccountChanged))
        {
            return ReviewPage.Render(page, model, claim, null, null, model.Account is null ? "account.notfound" : null,
                model.Account is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        }

        IReadOnlyList<StaffReading> readings = [];
        string? callback = null;
        switch (outcome)
        {
            case ReviewOutcome.ReadingsConfirmed:
                if (model.Account is null)
                {
                    return Refuse(page, model, claim, form, model.AccountNumber is null ? "review.noaccount" : "account.notfound");
                }

                if (form.HasUnknownMeters)
                {
                    return Refuse(page, model, claim, form, "review.unknownmeters");
                }

                if (form.BadFields.Count > 0)
                {
                    return Refuse(page, model, claim, form, "review.invalid");
                }

                var check = StaffEntryCheck.Evaluate(page.Organisation, model.Account.Meters, model.AccountHistory, form.Entries, model.CallFigures(),
                    model.Call.Channel, model.Call.StartedAt, form.Confirmed);
                if (check.IsEmpty)
                {
                    return Refuse(page, model, claim, form, "review.empty");
                }

                if (!check.CanStore)
                {
                    var question = check.Zones.All(z => z.Verdict is EntryVerdict.Ok or EntryVerdict.Empty or EntryVerdict.NeedsConfirmation);
                    return ReviewPage.Render(page, model, claim, form, check, question ? "review.confirmfindings" : "review.fix",
                        question ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
                }

                readings = check.Readings;
                break;
            case ReviewOutcome.CallBack:
                callback = CallerNumber.Normalize(form.CallbackText ?? model.Call.CallerNumber);
                if (callback is null)
                {
                    return Refuse(page, model, claim, form, "review.callbacknumber");
                }

                if (form.Note is null)
                {
                    return Refuse(page, model, claim, form, "review.callbacknote");
                }

                break;
        }

        try
        {
            await reviews.ResolveAsync(new ReviewResolution(callId, page.Login!, now, outcome, readings, form.Version, form.Note, callback, page.ClientAddress),
                page.Aborted);
        }
        catch (ReviewConflictException)
        {
            var current = await ReviewModel.LoadAsync(callId, typed, page.Organisation, http.RequestServices, page.Aborted) ?? model;
            return ReviewPage.Render(page, current, claim, null, null, "review.conflict", StatusCodes.Status409Conflict);
        }

        return Results.Redirect("/queue/next");
    }

    public static async Task<IResult> TakeOverAsync(string callId, HttpContext http, IReviewStore reviews, TimeProvider time, IOptions<ConsoleOptions> options)
    {
        await reviews.ClaimAsync(callId, http.User.Identity!.Name!, time.GetUtcNow(), Hold(options), takeOver: true, http.RequestAborted);
        return Results.Redirect("/queue/" + Uri.EscapeDataString(callId));
    }

    public static async Task<IResult> ReleaseAsync(string callId, HttpContext http, IReviewStore reviews, TimeProvider time)
    {
        await reviews.ReleaseAsync(callId, http.User.Identity!.Name!, time.GetUtcNow(), http.RequestAborted);
        return Results.Redirect("/queue");
    }

    private static IResult Refuse(PageContext page, ReviewModel model, ClaimResult claim, ReviewForm form, string message) =>
        ReviewPage.Render(page, model, claim, form, null, message, StatusCodes.Status400BadRequest);

    private static TimeSpan Hold(IOptions<ConsoleOptions> options) => TimeSpan.FromMinutes(Math.Clamp(options.Value.ClaimMinutes, 1, 120));
}
