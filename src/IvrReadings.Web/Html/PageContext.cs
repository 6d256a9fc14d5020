using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Web.I18n;
using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Html;

/// <summary>What a page needs to render: the user, their language, the anti-forgery field, the header's count, the organisation's clock.</summary>
public sealed class PageContext
{
    public PageContext(HttpContext http, UiText text, string antiforgeryFieldName, string antiforgeryToken, int backlog, Organisation organisation,
        ConsoleOptions options, bool signedIn = true)
    {
        ArgumentNullException.ThrowIfNull(http);
        Http = http;
        T = text;
        Backlog = backlog;
        Organisation = organisation;
        Options = options;
        AntiforgeryField = antiforgeryFieldName.Length == 0
            ? string.Empty
            : $"<input type=\"hidden\" name=\"{H.E(antiforgeryFieldName)}\" value=\"{H.E(antiforgeryToken)}\">";
        Login = signedIn && http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        IsSupervisor = Login is not null && http.User.IsInRole(StaffRoles.Supervisor);
    }

    public HttpContext Http { get; }

    public UiText T { get; }

    public string? Login { get; }

    public bool IsSupervisor { get; }

    public int Backlog { get; }

    public Organisation Organisation { get; }

    public ConsoleOptions Options { get; }

    /// <summary>The hidden input every form must carry.</summary>
    public string AntiforgeryField { get; }

    /// <summary>Seconds after which the page reloads itself (dashboards); 0: it does not.</summary>
    public int RefreshSeconds { get; set; }

    public CancellationToken Aborted => Http.RequestAborted;

    public string CurrentPathAndQuery => Http.Request.Path + Http.Request.QueryString;

    public string? ClientAddress => Http.Connection.RemoteIpAddress?.ToString();

    /// <summary>A moment in the organisation's time zone, HTML-encoded.</summary>
    public string Time(DateTimeOffset? when) =>
        when is { } w
            ? H.E(TimeZoneInfo.ConvertTime(w, Organisation.Window.TimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            : "—";

    /// <summary>A time of day in the organisation's time zone, HTML-encoded.</summary>
    public string Clock(DateTimeOffset when) =>
        H.E(TimeZoneInfo.ConvertTime(when, Organisation.Window.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture));
}
