using System.CommandLine;
using IvrReadings.Domain;
using IvrReadings.Storage;
using Spectre.Console;

namespace IvrReadings.Host.Cli;

/// <summary><c>accounts import</c>, <c>readings export</c>, <c>readings autofill</c>, <c>demo-data</c>.</summary>
public static class BillingCommands
{
    public static Command AccountsCommand(IReadOnlyList<string> settings)
    {
        var file = CliOptions.Value("FILE.csv", "billing's accounts and meters (see docs/storage.md)");
        var quiet = CliOptions.Flag("--quiet", "no progress bar (also when the output is not a terminal)");
        var import = new Command("import", "import or update accounts and meters from billing; bad rows are reported, good rows go in (exit 3 when rows were rejected)") { file, quiet };
        import.SetAction(result => ImportAsync(settings, result.GetRequiredValue(file), result.GetValue(quiet)));
        return new Command("accounts", "accounts and meters from billing") { import };
    }

    public static Command ReadingsCommand(IReadOnlyList<string> settings)
    {
        var period = CliOptions.Period();
        var output = CliOptions.Text("--out", "FILE", "write the CSV to FILE instead of the standard output");
        var export = new Command("export", "export the period's counting readings to billing (CSV)") { period, output };
        export.SetAction(result => ExportAsync(settings, result.GetRequiredValue(period), result.GetValue(output)));

        var autoFillPeriod = CliOptions.Period();
        var autoFill = new Command("autofill", "apply auto-fill for a period whose window has closed (exit 1 while another server applies it)") { autoFillPeriod };
        autoFill.SetAction(result => AutoFillAsync(settings, result.GetRequiredValue(autoFillPeriod)));
        return new Command("readings", "readings for billing") { export, autoFill };
    }

    public static Command DemoDataCommand(IReadOnlyList<string> settings)
    {
        var ifEmpty = CliOptions.Flag("--if-empty", "exit 0, not 3, when the database already holds accounts");
        var command = new Command("demo-data", "load the demo accounts into an empty database") { ifEmpty };
        command.SetAction(result => DemoDataAsync(settings, result.GetValue(ifEmpty)));
        return command;
    }

    private static async Task<int> ImportAsync(IReadOnlyList<string> settings, string file, bool quiet)
    {
        if (!File.Exists(file))
        {
            throw new CommandLineException($"No such file: {file}");
        }

        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var importer = host.Get<AccountImporter>();
        var errors = Console.Error;
        ImportSummary summary = null!;
        void OnError(ImportError e) => errors.WriteLine($"line {e.Line}: {e.Reason}");

        if (quiet || Console.IsOutputRedirected)
        {
            summary = await importer.ImportFileAsync(file, null, OnError, cts.Token);
        }
        else
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"Importing {Path.GetFileName(file)}", maxValue: 1);
                    var progress = new Progress<ImportProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.TotalBytes);
                        task.Value = p.BytesRead;
                        task.Description = $"{p.Rows:N0} rows, {p.Rejected:N0} rejected";
                    });
                    summary = await importer.ImportFileAsync(file, progress, OnError, cts.Token);
                    task.Value = task.MaxValue;
                });
        }

        Console.WriteLine(
            $"Imported {file}: {summary.Inserted:N0} meters added, {summary.Updated:N0} updated, {summary.Rejected:N0} rows rejected, in {summary.Elapsed.TotalSeconds:0.0} s.");
        return summary.Rejected == 0 ? 0 : 3;
    }

    private static async Task<int> ExportAsync(IReadOnlyList<string> settings, BillingPeriod period, string? output)
    {
        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var exporter = host.Get<ReadingExporter>();
        if (output is null)
        {
            await exporter.ExportAsync(period, Console.Out, cts.Token);
            return 0;
        }

        var rows = await exporter.ExportFileAsync(period, output, cts.Token);
        await Console.Error.WriteLineAsync($"Exported {rows:N0} readings for {period} to {output}.");
        return 0;
    }

    private static async Task<int> AutoFillAsync(IReadOnlyList<string> settings, BillingPeriod period)
    {
        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var time = host.Get<TimeProvider>();
        var organisation = host.Get<Organisation>();
        if (time.GetUtcNow() < organisation.Window.ClosesAt(period))
        {
            throw new CommandLineException($"The submission window for {period} has not closed yet; auto-fill runs only after it.");
        }

        var summary = await host.Get<IReadingStore>().AutoFillAsync(period, time.GetUtcNow(), cts.Token);
        if (summary.RunningOn is { } other)
        {
            await Console.Error.WriteLineAsync($"Auto-fill for {period} is being applied by {other} right now; nothing done here. Run again later to check it finished.");
            return 1;
        }

        Console.WriteLine(summary.Ran
            ? $"Auto-filled {summary.Readings:N0} readings on {summary.Meters:N0} meters for {period}."
            : $"Auto-fill for {period} had already run; nothing changed.");
        return 0;
    }

    private static async Task<int> DemoDataAsync(IReadOnlyList<string> settings, bool ifEmpty)
    {
        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var seeded = await DemoData.SeedAsync(host.Services, cts.Token);
        if (seeded)
        {
            Console.WriteLine($"Loaded {DemoData.Accounts.Count} demo accounts (see README, 'Demo accounts').");
            return 0;
        }

        Console.WriteLine("The database already holds accounts; demo data not loaded.");
        return ifEmpty ? 0 : 3;
    }

    internal static CancellationTokenSource ConsoleCancel()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return cts;
    }
}
