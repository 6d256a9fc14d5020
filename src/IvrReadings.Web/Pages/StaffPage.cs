using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Pages;

/// <summary>Supervisors: list staff, add, disable or enable, set a password.</summary>
internal static class StaffPage
{
    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, IStaffStore store, TimeProvider time) =>
        await RenderAsync(await pages.CreateAsync(http), store, time, http.Request.Query["msg"], StatusCodes.Status200OK);

    public static async Task<IResult> AddAsync(HttpContext http, PageContextFactory pages, IStaffStore store, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var page = await pages.CreateAsync(http);
        if (!StaffRoles.TryParse(form["role"], out var role))
        {
            return await RenderAsync(page, store, time, "staff.badlogin", StatusCodes.Status400BadRequest);
        }

        var result = await StaffAdmin.AddAsync(form["login"].ToString(), role, form["password"].ToString(), store, time, page.Aborted);
        return result == StaffAddResult.Added
            ? Results.Redirect("/staff?msg=staff.done")
            : await RenderAsync(page, store, time, result switch
            {
                StaffAddResult.LoginTaken => "staff.taken",
                StaffAddResult.WeakPassword => "staff.weak",
                _ => "staff.badlogin",
            }, StatusCodes.Status400BadRequest);
    }

    public static async Task<IResult> DisableAsync(string login, HttpContext http, IStaffStore store)
    {
        if (string.Equals(StaffAdmin.NormalizeLogin(login), http.User.Identity?.Name, StringComparison.Ordinal))
        {
            return Results.Redirect("/staff?msg=staff.self");
        }

        return await StaffAdmin.SetDisabledAsync(login, true, store, http.RequestAborted) ? Results.Redirect("/staff?msg=staff.done") : Results.NotFound();
    }

    public static async Task<IResult> EnableAsync(string login, HttpContext http, IStaffStore store) =>
        await StaffAdmin.SetDisabledAsync(login, false, store, http.RequestAborted) ? Results.Redirect("/staff?msg=staff.done") : Results.NotFound();

    public static async Task<IResult> PasswordAsync(string login, HttpContext http, PageContextFactory pages, IStaffStore store, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var password = form["password"].ToString();
        if (!StaffAdmin.IsAcceptablePassword(password))
        {
            return await RenderAsync(await pages.CreateAsync(http), store, time, "staff.weak", StatusCodes.Status400BadRequest);
        }

        return await StaffAdmin.SetPasswordAsync(login, password, store, http.RequestAborted) ? Results.Redirect("/staff?msg=staff.done") : Results.NotFound();
    }

    private static async Task<IResult> RenderAsync(PageContext page, IStaffStore store, TimeProvider time, string? message, int status)
    {
        var t = page.T;
        var now = time.GetUtcNow();
        var users = await store.ListAsync(page.Aborted);
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["staff.title"])).Append("</h1>");
        if (message is "staff.done" or "staff.taken" or "staff.weak" or "staff.badlogin" or "staff.self")
        {
            body.Append("<p class=\"msg").Append(message == "staff.done" ? string.Empty : " error").Append("\" id=\"staff-msg\">").Append(H.E(t[message])).Append("</p>");
        }

        body.Append("<table id=\"staff\"><thead><tr><th>").Append(H.E(t["login.login"])).Append("</th><th>").Append(H.E(t["staff.role"]))
            .Append("</th><th>").Append(H.E(t["staff.state"])).Append("</th><th>").Append(H.E(t["staff.created"])).Append("</th><th>")
            .Append(H.E(t["staff.actions"])).Append("</th></tr></thead><tbody>");
        foreach (var user in users)
        {
            var state = user.IsDisabled() ? "<span class=\"flag bad\">" + H.E(t["staff.disabled"]) + "</span>"
                : user.IsLocked(now) ? "<span class=\"flag warn\">" + H.E(t["staff.locked"]) + "</span>"
                : "<span class=\"flag ok\">" + H.E(t["staff.active"]) + "</span>";
            var path = "/staff/" + H.Url(user.Login);
            body.Append("<tr data-login=\"").Append(H.E(user.Login)).Append("\"><td>").Append(H.E(user.Login)).Append("</td><td>")
                .Append(H.E(t[user.Role == StaffRole.Supervisor ? "role.supervisor" : "role.operator"])).Append("</td><td>").Append(state)
                .Append("</td><td>").Append(page.Time(user.CreatedAt)).Append("</td><td>");
            if (!string.Equals(user.Login, page.Login, StringComparison.Ordinal))
            {
                body.Append("<form method=\"post\" action=\"").Append(path).Append(user.IsDisabled() ? "/enable" : "/disable").Append("\">").Append(page.AntiforgeryField)
                    .Append("<button class=\"small\">").Append(H.E(t[user.IsDisabled() ? "staff.enable" : "staff.disable"])).Append("</button></form> ");
            }

            body.Append("<form class=\"filters\" method=\"post\" action=\"").Append(path).Append("/password\">").Append(page.AntiforgeryField)
                .Append("<input type=\"password\" name=\"password\" autocomplete=\"new-password\" minlength=\"").Append(StaffAdmin.MinimumPasswordLength.ToString(CultureInfo.InvariantCulture))
                .Append("\" placeholder=\"").Append(H.E(t["staff.newpassword"])).Append("\" required> <button class=\"small\">").Append(H.E(t["staff.reset"])).Append("</button></form>")
                .Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append("<h2>").Append(H.E(t["staff.add"])).Append("</h2><form class=\"filters card\" method=\"post\" action=\"/staff\" id=\"staff-add\">").Append(page.AntiforgeryField)
            .Append("<label>").Append(H.E(t["login.login"])).Append("<input name=\"login\" id=\"new-login\" required></label>")
            .Append("<label>").Append(H.E(t["staff.role"])).Append("<select name=\"role\" id=\"new-role\"><option value=\"operator\">").Append(H.E(t["role.operator"]))
            .Append("</option><option value=\"supervisor\">").Append(H.E(t["role.supervisor"])).Append("</option></select></label>")
            .Append("<label>").Append(H.E(t["login.password"])).Append("<input type=\"password\" name=\"password\" id=\"new-password\" autocomplete=\"new-password\" required></label>")
            .Append("<button class=\"primary\" type=\"submit\">").Append(H.E(t["staff.add"])).Append("</button></form>");
        return Layout.Page(page, t["staff.title"], "staff", body.ToString(), status);
    }
}
