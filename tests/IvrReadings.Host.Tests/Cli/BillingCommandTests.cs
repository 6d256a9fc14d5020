using IvrReadings.Host.Tests.Support;

namespace IvrReadings.Host.Tests.Cli;

public sealed class BillingCommandTests
{
    private const string Header = "account,address,meter,kind,zones,digits,description,last_reading,last_date,verification_date,autofill\n";

    [Fact]
    public async Task Import_reports_every_bad_row_by_line_and_still_imports_the_good_ones()
    {
        using var cli = new CliProcess();
        var csv = cli.WriteFile("accounts.csv", Header
            + "5550001,\"ул. Ленина, 1\",SN-1,gas,1,6,,120,2026-10-20,2030-01-01,\n"
            + "55x,ул. Мира 2,SN-2,gas,1,6,,1,2026-10-20,,\n"
            + "5550003,ул. Мира 3,SN-3,electricity,2,6,,6116;2010,2026-10-20,,\n"
            + "5550004,ул. Мира 4,SN-4,steam,1,6,,5,2026-10-20,,\n");

        var result = await cli.RunAsync(null, "accounts", "import", csv, "--quiet");

        Assert.Equal(3, result.ExitCode); // some rows rejected: scripts can tell
        Assert.Contains("line 3:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 meters added", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 rows rejected", result.Stdout, StringComparison.Ordinal);

        // Re-import updates in place instead of duplicating.
        var again = await cli.RunAsync(null, "accounts", "import", csv, "--quiet");
        Assert.Contains("0 meters added, 2 updated", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_a_missing_file_is_a_usage_error_not_a_crash()
    {
        using var cli = new CliProcess();
        var result = await cli.RunAsync(null, "accounts", "import", "nope.csv");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No such file: nope.csv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_the_billing_columns_and_refuses_a_malformed_period()
    {
        using var cli = new CliProcess();
        var bad = await cli.RunAsync(null, "readings", "export", "--period", "2026-13");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--period takes YYYY-MM", bad.Stderr, StringComparison.Ordinal);

        var outFile = Path.Combine(cli.WorkDir, "out.csv");
        var good = await cli.RunAsync(null, "readings", "export", "--period", "2026-11", "--out", outFile);
        Assert.Equal(0, good.ExitCode);
        Assert.Equal("account,meter,kind,zone,value,submitted_at,channel,status,flags", File.ReadLines(outFile).First());
    }

    [Fact]
    public async Task Demo_data_loads_once_and_if_empty_keeps_a_filled_database()
    {
        using var cli = new CliProcess();
        var first = await cli.RunAsync(null, "demo-data");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("demo accounts", first.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.DatabaseFile), "the embedded default is a SQLite file under data/");

        var second = await cli.RunAsync(null, "demo-data");
        Assert.Equal(3, second.ExitCode);
        var ifEmpty = await cli.RunAsync(null, "demo-data", "--if-empty");
        Assert.Equal(0, ifEmpty.ExitCode);
        Assert.Contains("already holds accounts", ifEmpty.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_commands_and_options_without_values_get_usage_errors()
    {
        using var cli = new CliProcess();
        var unknown = await cli.RunAsync(null, "frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown command 'frobnicate'", unknown.Stderr, StringComparison.Ordinal);

        var missing = await cli.RunAsync(null, "readings", "export", "--period");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("'--period'", missing.Stderr, StringComparison.Ordinal);
    }
}
