namespace IvrReadings.Host.Cli;

/// <summary>
/// Separates settings from the command line proper. A <c>--Section:Key=value</c> (or <c>--Section:Key value</c>) is a
/// configuration override, not an option of the command: it is given to the host's configuration (after
/// appsettings.json and the environment) and is accepted with every command. Everything else is parsed as the
/// command's words and options, where an unknown option is an error.
/// </summary>
public static class SettingArguments
{
    public static (string[] Command, string[] Settings) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                command.AddRange(args.Skip(i)); // the rest is the command's, untouched
                break;
            }

            if (!IsSetting(arg))
            {
                command.Add(arg);
                continue;
            }

            settings.Add(arg.Contains('=', StringComparison.Ordinal) || i + 1 >= args.Count ? arg : $"{arg}={args[++i]}");
        }

        return ([.. command], [.. settings]);
    }

    /// <summary><c>--Section:Key</c>: a double dash and a colon in the name (the part before any <c>=</c>).</summary>
    private static bool IsSetting(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var name = arg.AsSpan(2);
        var eq = name.IndexOf('=');
        return (eq >= 0 ? name[..eq] : name).Contains(':');
    }
}
