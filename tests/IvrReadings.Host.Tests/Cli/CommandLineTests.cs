using System.CommandLine;
using System.Text.RegularExpressions;
using IvrReadings.Host.Cli;
using IvrReadings.Host.Tests.Support;

namespace IvrReadings.Host.Tests.Cli;

/// <summary>The command line as an operator meets it: help for every command, a mistyped option refused before anything
/// runs (exit 2, the option named), settings passed through to configuration, and the README's command table true.</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public async Task A_mistyped_option_is_refused_with_exit_2_before_anything_runs()
    {
        using var cli = new CliProcess();
        // Nothing listens there: if the load test ran anyway it would report a failed call (exit 4), not a usage error.
        var loadtest = await cli.RunAsync(null, "loadtest", "--concurency", "5", "--calls", "1", "--server", $"127.0.0.1:{CliProcess.FreePort()}");
        Assert.Equal(2, loadtest.ExitCode);
        Assert.Contains("'--concurency'", loadtest.Stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean --concurrency?", loadtest.Stderr, StringComparison.Ordinal);
        Assert.Contains("ivr-readings loadtest --help", loadtest.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, loadtest.Stdout); // no report: no call was placed

        // A command that writes: nothing is touched, not even the database file.
        var demo = await cli.RunAsync(null, "demo-data", "--if-emtpy");
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("'--if-emtpy'", demo.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DatabaseFile), "a refused command ran");
    }

    [Fact]
    public async Task Bad_values_are_usage_errors_that_name_the_option()
    {
        using var cli = new CliProcess();
        var negative = await cli.RunAsync(null, "loadtest", "--calls", "-3");
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--calls takes a whole number, not '-3'", negative.Stderr, StringComparison.Ordinal);

        var server = await cli.RunAsync(null, "loadtest", "--server", "localhost");
        Assert.Equal(2, server.ExitCode);
        Assert.Contains("--server takes HOST:PORT", server.Stderr, StringComparison.Ordinal);

        var language = await cli.RunAsync(null, "phone", "--lang", "fr");
        Assert.Equal(2, language.ExitCode);
        Assert.Contains("'fr'", language.Stderr, StringComparison.Ordinal);

        var login = await cli.RunAsync(null, "staff", "add", "--role", "operator");
        Assert.Equal(2, login.ExitCode);
        Assert.Contains("ivr-readings staff add --help", login.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_generated_for_the_program_and_for_each_command()
    {
        using var cli = new CliProcess();
        var top = await cli.RunAsync(null, "help");
        Assert.Equal(0, top.ExitCode);
        Assert.All(["serve", "phone", "loadtest", "accounts", "readings", "demo-data", "staff", "speech", "--Section:Key=value"],
            word => Assert.Contains(word, top.Stdout, StringComparison.Ordinal));

        var serve = await cli.RunAsync(null, "serve", "--help");
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("--bench", serve.Stdout, StringComparison.Ordinal);

        var export = await cli.RunAsync(null, "help", "readings", "export");
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("--period <YYYY-MM>", export.Stdout, StringComparison.Ordinal);
        Assert.Contains("--out <FILE>", export.Stdout, StringComparison.Ordinal);

        var none = await cli.RunAsync(null);
        Assert.Equal(2, none.ExitCode); // no command: the usage, and not a success for a script
        Assert.Contains("Commands:", none.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_pass_through_to_configuration_in_both_forms_and_anywhere_on_the_line()
    {
        using var cli = new CliProcess();
        var first = await cli.RunAsync(null, "--Database:ConnectionString", "Data Source=first.db", "demo-data");
        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(Path.Combine(cli.WorkDir, "first.db")));

        var second = await cli.RunAsync(null, "demo-data", "--if-empty", "--Database:ConnectionString=Data Source=second.db");
        Assert.Equal(0, second.ExitCode);
        Assert.True(File.Exists(Path.Combine(cli.WorkDir, "second.db")));
        Assert.False(File.Exists(cli.DatabaseFile), "the default database was used despite the setting");
    }

    /// <summary>Every row of the README's command table is a command with exactly the options the row names, and
    /// every command of the program has its row.</summary>
    [Fact]
    public void The_readme_lists_every_command_with_its_options()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var table = readme[readme.IndexOf("## Commands", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf("| command", StringComparison.Ordinal), StringComparison.Ordinal)];
        var rows = Row().Matches(table).ToDictionary(
            m => string.Join(' ', m.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            m => OptionName().Matches(m.Groups["rest"].Value).Select(o => o.Value).ToHashSet());

        var commands = Leaves(Commands.Create([]), "").ToDictionary(c => c.Path, c => c.Options);
        Assert.Equal(commands.Keys.Append("help").Order(), rows.Keys.Order());
        Assert.All(commands, c => Assert.Equal(c.Value.Order(), rows[c.Key].Order()));
    }

    private static IEnumerable<(string Path, HashSet<string> Options)> Leaves(Command command, string path)
    {
        if (command.Action is not null)
        {
            yield return (path, command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version")).Select(o => o.Name).ToHashSet());
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, (path + " " + sub.Name).Trim()))
            {
                yield return leaf;
            }
        }
    }

    [GeneratedRegex(@"^\| `(?<words>[a-z][a-z-]*(?: [a-z][a-z-]*)*)(?<rest>(?: [^`]*)?)` \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionName();
}
