using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Web.Auth;
using IvrReadings.Web.Html;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.Authentication;

namespace IvrReadings.Web.Pages;

/// <summary>The signed-in user's own page: change one's password (with the current one). Other sessions end; this one goes on.</summary>
internal static class MePage
{
    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages) =>
        Render(await pages.CreateAsync(http), http.Request.Query["msg"], StatusCodes.Status200OK);

    public static async Task<IResult> PasswordAsync(HttpContext http, PageContextFactory pages, IStaffStore store, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var page = await pages.CreateAsync(http);
        var login = page.Login!;
        var user = await store.GetAsync(login, page.Aborted);
        if (user is null || !PasswordHasher.Verify(form["current"].ToString(), user.PasswordHash))
        {
            return Render(page, "me.wrongcurrent", StatusCodes.Status400BadRequest);
        }

        var password = form["password"].ToString();
        if (password != form["repeat"].ToString())
        {
            return Render(page, "me.differ", StatusCodes.Status400BadRequest);
        }

        var audit = new AuditEntry(time.GetUtcNow(), login, AuditActions.OwnPasswordChanged, login, null, page.ClientAddress);
        var verdict = await StaffAdmin.SetPasswordAsync(login, password, store, audit, page.Aborted);
        if (verdict != PasswordVerdict.Acceptable)
        {
            return Render(page, verdict is { } v ? StaffPage.PasswordMessage(v) : "error.notfound", StatusCodes.Status400BadRequest);
        }

        // The new stamp ended every session, this one too: sign this one in again with the new stamp.
        if (await store.GetAsync(login, page.Aborted) is { } changed)
        {
            await http.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(changed));
        }

        return Results.Redirect("/me?msg=me.changed");
    }

    private static IResult Render(PageContext page, string? message, int status)
    {
        var t = page.T;
        var messageHtml = message is "me.changed" or "me.wrongcurrent" or "me.differ" || (message?.StartsWith("password.", StringComparison.Ordinal) ?? false)
            ? $"<p class=\"msg{(message == "me.changed" ? string.Empty : " error")}\" id=\"me-msg\">{H.E(t[message!])}</p>"
            : string.Empty;
        var min = PasswordPolicy.MinimumLength.ToString(CultureInfo.InvariantCulture);
        var body = $"""
            <h1>{H.E(page.Login)} <span class="muted">{H.E(t[page.IsSupervisor ? "role.supervisor" : "role.operator"])}</span></h1>
            {messageHtml}
            <form class="card narrow" method="post" action="/me/password" id="me-password">
            {page.AntiforgeryField}
            <h2>{H.E(t["me.change"])}</h2>
            <label>{H.E(t["me.current"])}<input type="password" name="current" id="current" autocomplete="current-password" required></label>
            <label>{H.E(t["staff.newpassword"])}<input type="password" name="password" id="new-password" autocomplete="new-password" minlength="{min}" required></label>
            <label>{H.E(t["me.repeat"])}<input type="password" name="repeat" id="repeat-password" autocomplete="new-password" minlength="{min}" required></label>
            <p class="muted">{H.E(t["password.rules"])}</p>
            <button class="primary" type="submit" id="change-password">{H.E(t["me.change"])}</button>
            </form>
            """;
        return Layout.Page(page, t["me.title"], "me", body, status);
    }
}
