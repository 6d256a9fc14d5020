using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Web.I18n;
using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Html;

/// <summary>What a page needs to render: the user, their language, the anti-forgery field, the header's count, the organisation's clock.</summary>
public sealed class PageContext
{
    public PageContext(HttpContext http, UiText text, string antiforgeryFieldName, string antiforgeryToken, int backlog, Organisation organisation)
    {
        Http = http;
        T = text;
        Backlog = backlog;
        Organisation = organisation;
        AntiforgeryField = $"<input type=\"hidden\" name=\"{H.E(antiforgeryFieldName)}\" value=\"{H.E(antiforgeryToken)}\">";
        Login = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        IsSupervisor = http.User.IsInRole(StaffRoles.Supervisor);
    }

    public HttpContext Http { get; }

    public UiText T { get; }

    public string? Login { get; }

    public bool IsSupervisor { get; }

    public int Backlog { get; }

    public Organisation Organisation { get; }

    /// <summary>The hidden input every form must carry.</summary>
    public string AntiforgeryField { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public string CurrentPathAndQuery => Http.Request.Path + Http.Request.QueryString;

    /// <summary>A moment in the organisation's time zone, HTML-encoded.</summary>
    public string Time(DateTimeOffset? when) =>
        when is { } w
            ? H.E(TimeZoneInfo.ConvertTime(w, Organisation.Window.TimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            : "—";
}
