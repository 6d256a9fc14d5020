using IvrReadings.Web.Auth;
using IvrReadings.Web.Recordings;

namespace IvrReadings.Web.Pages;

/// <summary>Every page of the console. All of them need a signed-in user (the fallback policy); some a supervisor.</summary>
internal static class ConsolePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", DashboardPage.GetAsync);
        app.MapGet("/queue", QueuePage.GetAsync);
        app.MapGet("/queue/{callId}", ReviewPage.GetAsync);
        app.MapPost("/queue/{callId}", ReviewPage.PostAsync);
        app.MapGet("/calls", CallsPage.GetAsync);
        app.MapGet("/calls/{callId}", CallPage.GetAsync);
        app.MapGet("/accounts/{number}", AccountPage.GetAsync);
        RecordingEndpoints.Map(app);

        var supervisors = app.MapGroup(string.Empty).RequireAuthorization(ConsoleAuth.SupervisorPolicy);
        supervisors.MapGet("/export", ExportPage.GetAsync);
        supervisors.MapGet("/export/readings.csv", ExportPage.DownloadAsync);
        supervisors.MapGet("/staff", StaffPage.GetAsync);
        supervisors.MapPost("/staff", StaffPage.AddAsync);
        supervisors.MapPost("/staff/{login}/disable", StaffPage.DisableAsync);
        supervisors.MapPost("/staff/{login}/enable", StaffPage.EnableAsync);
        supervisors.MapPost("/staff/{login}/password", StaffPage.PasswordAsync);
    }
}
