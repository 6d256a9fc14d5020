using System.CommandLine;
using System.CommandLine.Help;
using IvrReadings.Host.Hosting;
using Serilog;

namespace IvrReadings.Host.Cli;

/// <summary>Parses the command line (settings apart, <see cref="SettingArguments"/>), refuses what it does not know
/// with exit code 2 before anything runs, and turns failures into exit codes and clear messages.</summary>
public static class CommandDispatcher
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (words, settings) = SettingArguments.Split(args);
        var root = Commands.Create(settings);
        if (words is ["help", .. var rest])
        {
            words = [.. rest, "--help"]; // `ivr-readings help [COMMAND]`
        }

        // Arguments are taken literally: no @response files (a login or a file name may start with @).
        var parsed = root.Parse(words, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false, // failures are ours to report (below)
            ProcessTerminationTimeout = null, // Ctrl+C and SIGTERM: each command stops itself (serve gracefully)
        };
        if (words.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(invocation);
            return 2;
        }

        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var message in UsageErrors(parsed))
            {
                await Console.Error.WriteLineAsync($"ivr-readings: {message}");
            }

            await Console.Error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult.Command)} --help' for usage.");
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync($"ivr-readings: {e.Message}");
            await Console.Error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult.Command)} --help' for usage.");
            return 2;
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync($"ivr-readings: {problem}");
            }

            await Console.Error.WriteLineAsync(
                "Nothing was started. Settings come from appsettings.json, IVR_READINGS_SETTINGS, the environment (Section__Key) and --Section:Key=value.");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.Fatal(e, "ivr-readings {Command} failed", string.Join(' ', words));
            await Console.Error.WriteLineAsync($"ivr-readings: {e.Message}");
            return 1;
        }
    }

    /// <summary>The parser's messages; an unknown first word is an unknown command, and an unknown option close to one
    /// of the command's own names says which one was meant.</summary>
    private static IEnumerable<string> UsageErrors(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command is RootCommand && parsed.UnmatchedTokens.Count > 0)
        {
            return [$"Unknown command '{parsed.UnmatchedTokens[0]}'."];
        }

        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        return parsed.Errors.Select(error => parsed.UnmatchedTokens.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) is { } token
            && token.StartsWith("--", StringComparison.Ordinal)
            && names.FirstOrDefault(name => EditDistance(token, name) <= 2) is { } meant
                ? $"{error.Message} Did you mean {meant}?"
                : error.Message);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c and not RootCommand; symbol = symbol.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', ["ivr-readings", .. names]);
    }
}
