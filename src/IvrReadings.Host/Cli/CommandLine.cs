namespace IvrReadings.Host.Cli;

/// <summary>
/// The parsed command line: the command words, named options and positional values.
/// Options written as <c>--Section:Key=value</c> are configuration overrides, not command options,
/// so every setting can be given on the command line as well as in appsettings or the environment.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options;

    private CommandLine(IReadOnlyList<string> words, Dictionary<string, string?> options, IReadOnlyList<string> configuration)
    {
        Words = words;
        _options = options;
        ConfigurationArgs = configuration;
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>Arguments for the configuration system (<c>--Section:Key=value</c>).</summary>
    public IReadOnlyList<string> ConfigurationArgs { get; }

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                words.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (name.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(value is null && i + 1 < args.Count ? $"--{name}={args[++i]}" : arg);
                continue;
            }

            if (value is null && !flags.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    throw new CommandLineException($"Option --{name} needs a value.");
                }

                value = args[++i];
            }

            options[name] = value;
        }

        return new CommandLine(words, options, configuration);
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Option(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) =>
        Option(name) ?? throw new CommandLineException($"Option --{name} is required.");

    public int IntOption(string name, int fallback)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= 0
            ? value
            : throw new CommandLineException($"Option --{name} takes a whole number, not '{text}'.");
    }

    public string Positional(int index, string what) =>
        index < Words.Count ? Words[index] : throw new CommandLineException($"Missing {what}.");

    public IEnumerable<string> UnknownOptions(IReadOnlySet<string> known) =>
        _options.Keys.Where(k => !known.Contains(k));
}

public sealed class CommandLineException(string message) : Exception(message);
