using IvrReadings.Web.Auth;
using IvrReadings.Web.Html;
using IvrReadings.Web.Pages.Review;
using IvrReadings.Web.Recordings;

namespace IvrReadings.Web.Pages;

/// <summary>Every page of the console. All of them need a signed-in user (the fallback policy); some a supervisor.</summary>
internal static class ConsolePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", DashboardPage.GetAsync);
        app.MapGet("/queue", QueuePage.GetAsync);
        ReviewEndpoints.Map(app);
        app.MapGet("/calls", CallsPage.GetAsync);
        app.MapGet("/calls/{callId}", CallPage.GetAsync);
        app.MapGet("/accounts/{number}", AccountPage.GetAsync);
        app.MapGet("/me", MePage.GetAsync);
        app.MapPost("/me/password", MePage.PasswordAsync);
        RecordingEndpoints.Map(app);

        var supervisors = app.MapGroup(string.Empty).RequireAuthorization(ConsoleAuth.SupervisorPolicy);
        supervisors.MapGet("/export", ExportPage.GetAsync);
        supervisors.MapGet("/export/readings.csv", ExportPage.DownloadAsync);
        supervisors.MapGet("/calls/export.csv", CallsPage.ExportAsync);
        supervisors.MapGet("/staff", StaffPage.GetAsync);
        supervisors.MapPost("/staff", StaffPage.AddAsync);
        supervisors.MapPost("/staff/{login}/disable", StaffPage.DisableAsync);
        supervisors.MapPost("/staff/{login}/enable", StaffPage.EnableAsync);
        supervisors.MapPost("/staff/{login}/password", StaffPage.PasswordAsync);
        supervisors.MapPost("/staff/{login}/role", StaffPage.RoleAsync);
        supervisors.MapGet("/audit", AuditPage.GetAsync);

        // Anything else: "not found" inside the console (a signed-in user; others are sent to sign in first).
        app.MapFallback(async (HttpContext http, PageContextFactory pages) =>
        {
            var page = await pages.CreateAsync(http);
            return Layout.Page(page, page.T["error.notfound"], string.Empty, $"<p class=\"msg error\" id=\"notfound\">{H.E(page.T["error.notfound"])}</p>",
                StatusCodes.Status404NotFound);
        });
    }
}
