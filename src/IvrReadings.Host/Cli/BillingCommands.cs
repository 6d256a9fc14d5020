using IvrReadings.Domain;
using IvrReadings.Storage;
using Spectre.Console;

namespace IvrReadings.Host.Cli;

/// <summary><c>accounts import</c>, <c>readings export</c>, <c>readings autofill</c>, <c>demo-data</c>.</summary>
public static class BillingCommands
{
    public static async Task<int> ImportAsync(CommandLine line)
    {
        var file = line.Positional(2, "the CSV file to import (ivr-readings accounts import FILE.csv)");
        if (!File.Exists(file))
        {
            throw new CommandLineException($"No such file: {file}");
        }

        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(line, cts.Token);
        var importer = host.Get<AccountImporter>();
        var errors = Console.Error;
        ImportSummary summary = null!;
        void OnError(ImportError e) => errors.WriteLine($"line {e.Line}: {e.Reason}");

        if (line.Has("quiet") || Console.IsOutputRedirected)
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

    public static async Task<int> ExportAsync(CommandLine line)
    {
        var period = ParsePeriod(line.Required("period"));
        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(line, cts.Token);
        var exporter = host.Get<ReadingExporter>();
        var output = line.Option("out");
        if (output is null)
        {
            await exporter.ExportAsync(period, Console.Out, cts.Token);
            return 0;
        }

        var rows = await exporter.ExportFileAsync(period, output, cts.Token);
        await Console.Error.WriteLineAsync($"Exported {rows:N0} readings for {period} to {output}.");
        return 0;
    }

    public static async Task<int> AutoFillAsync(CommandLine line)
    {
        var period = ParsePeriod(line.Required("period"));
        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(line, cts.Token);
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

    public static async Task<int> DemoDataAsync(CommandLine line)
    {
        using var cts = ConsoleCancel();
        await using var host = await ToolHost.StartAsync(line, cts.Token);
        var seeded = await DemoData.SeedAsync(host.Services, cts.Token);
        if (seeded)
        {
            Console.WriteLine($"Loaded {DemoData.Accounts.Count} demo accounts (see README, 'Demo accounts').");
            return 0;
        }

        Console.WriteLine("The database already holds accounts; demo data not loaded.");
        return line.Has("if-empty") ? 0 : 3;
    }

    private static BillingPeriod ParsePeriod(string text) =>
        BillingPeriod.TryParse(text, out var period)
            ? period
            : throw new CommandLineException($"--period takes YYYY-MM, not '{text}'.");

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
