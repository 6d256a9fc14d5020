using System.CommandLine;
using IvrReadings.Host.Hosting;
using IvrReadings.Web;

namespace IvrReadings.Host.Cli;

/// <summary>The command tree of <c>ivr-readings</c> (System.CommandLine); each command lives in its own small class.</summary>
public static class Commands
{
    public const string Description = """
        ivr-readings: meter readings by phone (FastAGI server, voice line, staff console).

        Every setting can also be given as --Section:Key=value (with any command), as an environment
        variable Section__Key=value, or in appsettings.json; see README.md.
        Exit codes: 0 done, 1 failure, 2 usage error, 3 partly refused, 4 a measurement failed.
        """;

    /// <param name="settings">The <c>--Section:Key=value</c> settings, for the commands that build the host.</param>
    public static RootCommand Create(IReadOnlyList<string> settings) => new(Description)
    {
        Serve(settings),
        PhoneCommand.Create(),
        LoadTestCommand.Create(),
        BillingCommands.AccountsCommand(settings),
        BillingCommands.ReadingsCommand(settings),
        BillingCommands.DemoDataCommand(settings),
        StaffCommands.Create(settings),
        SpeechCommands.Create(settings),
    };

    private static Command Serve(IReadOnlyList<string> settings)
    {
        var bench = CliOptions.Flag("--bench", "also answer the load-test scripts bench and bench-hold (FastAgi:BenchScripts), for 'loadtest'");
        var command = new Command("serve", "run the FastAGI server and the staff console; stops gracefully on SIGTERM/Ctrl+C") { bench };
        command.SetAction(result => ServeAsync(settings, result.GetValue(bench)));
        return command;
    }

    private static async Task<int> ServeAsync(IReadOnlyList<string> settings, bool bench)
    {
        IEnumerable<KeyValuePair<string, string?>> overrides = bench ? [new("FastAgi:BenchScripts", "true")] : [];
        var app = AppHost.CreateBuilder(settings, overrides).AddListeners().Build();
        app.UseRequestLogging();
        app.UseMonitorEndpoint();
        app.MapStaffConsole();
        app.MapMetrics();
        app.MapHealth();
        await app.RunAsync();
        return 0;
    }
}
