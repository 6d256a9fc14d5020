using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Pages;

/// <summary>
/// Supervisors: list staff, add, disable or enable, set a password, change a role. Disabling, a new password and a new role
/// end the user's sessions at once (their security stamp moves on). Every change is audited.
/// </summary>
internal static class StaffPage
{
    private static readonly string[] Messages =
    [
        "staff.done", "staff.taken", "staff.badlogin", "staff.self", "password.short", "password.long", "password.blank", "password.simple",
        "password.common", "password.login",
    ];

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

        var login = form["login"].ToString();
        var password = form["password"].ToString();
        var result = await StaffAdmin.AddAsync(login, role, password, store, time, page.Aborted, page.Login!, page.ClientAddress);
        return result == StaffAddResult.Added
            ? Results.Redirect("/staff?msg=staff.done")
            : await RenderAsync(page, store, time, result switch
            {
                StaffAddResult.LoginTaken => "staff.taken",
                StaffAddResult.WeakPassword => PasswordMessage(PasswordPolicy.Check(password, login)),
                _ => "staff.badlogin",
            }, StatusCodes.Status400BadRequest);
    }

    public static Task<IResult> DisableAsync(string login, HttpContext http, IStaffStore store, TimeProvider time) =>
        SetDisabledAsync(login, true, http, store, time);

    public static Task<IResult> EnableAsync(string login, HttpContext http, IStaffStore store, TimeProvider time) =>
        SetDisabledAsync(login, false, http, store, time);

    private static async Task<IResult> SetDisabledAsync(string login, bool disabled, HttpContext http, IStaffStore store, TimeProvider time)
    {
        var target = StaffAdmin.NormalizeLogin(login);
        if (disabled && IsSelf(http, target))
        {
            return Results.Redirect("/staff?msg=staff.self");
        }

        var audit = Audit(http, time, disabled ? AuditActions.StaffDisabled : AuditActions.StaffEnabled, target, null);
        return await store.SetDisabledAsync(target, disabled, audit, http.RequestAborted) ? Results.Redirect("/staff?msg=staff.done") : Results.NotFound();
    }

    public static async Task<IResult> PasswordAsync(string login, HttpContext http, PageContextFactory pages, IStaffStore store, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var target = StaffAdmin.NormalizeLogin(login);
        var verdict = await StaffAdmin.SetPasswordAsync(target, form["password"].ToString(), store, Audit(http, time, AuditActions.PasswordSet, target, null), http.RequestAborted);
        return verdict switch
        {
            PasswordVerdict.Acceptable => Results.Redirect("/staff?msg=staff.done"),
            null => Results.NotFound(),
            var weak => await RenderAsync(await pages.CreateAsync(http), store, time, PasswordMessage(weak.Value), StatusCodes.Status400BadRequest),
        };
    }

    public static async Task<IResult> RoleAsync(string login, HttpContext http, IStaffStore store, TimeProvider time)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var target = StaffAdmin.NormalizeLogin(login);
        if (!StaffRoles.TryParse(form["role"], out var role))
        {
            return Results.BadRequest();
        }

        if (IsSelf(http, target))
        {
            return Results.Redirect("/staff?msg=staff.self");
        }

        var audit = Audit(http, time, AuditActions.RoleChanged, target, role.ToName());
        return await store.SetRoleAsync(target, role, audit, http.RequestAborted) ? Results.Redirect("/staff?msg=staff.done") : Results.NotFound();
    }

    /// <summary>The message key for a refused password.</summary>
    public static string PasswordMessage(PasswordVerdict verdict) => verdict switch
    {
        PasswordVerdict.TooShort => "password.short",
        PasswordVerdict.TooLong => "password.long",
        PasswordVerdict.Blank => "password.blank",
        PasswordVerdict.TooSimple => "password.simple",
        PasswordVerdict.Common => "password.common",
        PasswordVerdict.ContainsLogin => "password.login",
        _ => "staff.done",
    };

    private static bool IsSelf(HttpContext http, string login) => string.Equals(login, http.User.Identity?.Name, StringComparison.Ordinal);

    private static AuditEntry Audit(HttpContext http, TimeProvider time, string action, string target, string? detail) =>
        new(time.GetUtcNow(), http.User.Identity?.Name, action, target, detail, http.Connection.RemoteIpAddress?.ToString());

    private static async Task<IResult> RenderAsync(PageContext page, IStaffStore store, TimeProvider time, string? message, int status)
    {
        var t = page.T;
        var now = time.GetUtcNow();
        var users = await store.ListAsync(page.Aborted);
        var min = PasswordPolicy.MinimumLength.ToString(CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["staff.title"])).Append("</h1>");
        if (message is not null && Messages.Contains(message))
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
            var self = string.Equals(user.Login, page.Login, StringComparison.Ordinal);
            body.Append("<tr data-login=\"").Append(H.E(user.Login)).Append("\"><td>").Append(H.E(user.Login)).Append("</td><td class=\"role\">")
                .Append(H.E(t[user.Role == StaffRole.Supervisor ? "role.supervisor" : "role.operator"])).Append("</td><td>").Append(state)
                .Append("</td><td>").Append(page.Time(user.CreatedAt)).Append("</td><td class=\"actions\">");
            if (!self)
            {
                body.Append("<form class=\"inline\" method=\"post\" action=\"").Append(path).Append(user.IsDisabled() ? "/enable" : "/disable").Append("\">").Append(page.AntiforgeryField)
                    .Append("<button class=\"small\">").Append(H.E(t[user.IsDisabled() ? "staff.enable" : "staff.disable"])).Append("</button></form> ");
                var other = user.Role == StaffRole.Supervisor ? StaffRole.Operator : StaffRole.Supervisor;
                body.Append("<form class=\"inline\" method=\"post\" action=\"").Append(path).Append("/role\">").Append(page.AntiforgeryField)
                    .Append("<input type=\"hidden\" name=\"role\" value=\"").Append(other.ToName()).Append("\"><button class=\"small\" data-role=\"").Append(other.ToName())
                    .Append("\">").Append(H.E(t[other == StaffRole.Supervisor ? "staff.makesupervisor" : "staff.makeoperator"])).Append("</button></form> ");
            }

            body.Append("<form class=\"filters\" method=\"post\" action=\"").Append(path).Append("/password\">").Append(page.AntiforgeryField)
                .Append("<input type=\"password\" name=\"password\" autocomplete=\"new-password\" minlength=\"").Append(min)
                .Append("\" placeholder=\"").Append(H.E(t["staff.newpassword"])).Append("\" required> <button class=\"small\">").Append(H.E(t["staff.reset"])).Append("</button></form>")
                .Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append("<h2>").Append(H.E(t["staff.add"])).Append("</h2><form class=\"filters card\" method=\"post\" action=\"/staff\" id=\"staff-add\">").Append(page.AntiforgeryField)
            .Append("<label>").Append(H.E(t["login.login"])).Append("<input name=\"login\" id=\"new-login\" maxlength=\"64\" required></label>")
            .Append("<label>").Append(H.E(t["staff.role"])).Append("<select name=\"role\" id=\"new-role\"><option value=\"operator\">").Append(H.E(t["role.operator"]))
            .Append("</option><option value=\"supervisor\">").Append(H.E(t["role.supervisor"])).Append("</option></select></label>")
            .Append("<label>").Append(H.E(t["login.password"])).Append("<input type=\"password\" name=\"password\" id=\"new-password\" autocomplete=\"new-password\" minlength=\"")
            .Append(min).Append("\" required></label>")
            .Append("<button class=\"primary\" type=\"submit\">").Append(H.E(t["staff.add"])).Append("</button></form>")
            .Append("<p class=\"muted\">").Append(H.E(t["password.rules"])).Append("</p>");
        return Layout.Page(page, t["staff.title"], "staff", body.ToString(), status);
    }
}
