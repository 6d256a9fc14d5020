using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using IvrReadings.CallFlow;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.FastAgi;
using IvrReadings.Speech;
using IvrReadings.Storage;
using IvrReadings.Web;
using Serilog;
using Serilog.Debugging;
using Serilog.Events;

namespace IvrReadings.Host.Hosting;

/// <summary>
/// Every section's settings, checked once the configuration is read and before anything starts: a value that is not a
/// number, or out of its range, or a name the product does not know, stops every command with one line per problem
/// naming the setting, instead of a server that starts and then refuses every call (<c>FastAgi:MaxConcurrentCalls=-1</c>)
/// or treats a typo as a default (<c>Voice:Capture=RecordFlie</c>). The rules live with each section's options class
/// (<c>Problems()</c>); the command line prints them (exit 2).
/// </summary>
public static partial class SettingsCheck
{
    /// <summary><see cref="SettingsException"/> with every problem found, or nothing when all is well.</summary>
    public static void ThrowIfWrong(IConfiguration configuration)
    {
        if (Problems(configuration) is { Count: > 0 } problems)
        {
            throw new SettingsException(problems);
        }
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration) =>
    [
        .. Check<FastAgiOptions>(configuration, FastAgiOptions.SectionName, o => o.Problems()),
        .. Check<CallFlowOptions>(configuration, CallFlowOptions.Section, o => o.Problems()),
        .. Check<VoiceOptions>(configuration, VoiceOptions.Section, o => o.Problems()),
        .. Check<SpeechOptions>(configuration, SpeechOptions.SectionName, o => o.Problems()),
        .. Check<RecordingsOptions>(configuration, RecordingsOptions.Section, o => o.Problems()),
        .. Check<OrganisationOptions>(configuration, OrganisationOptions.Section, o => o.Problems()),
        .. Check<DatabaseOptions>(configuration, DatabaseOptions.Section, o => o.Problems()),
        .. Check<ConsoleOptions>(configuration, ConsoleOptions.Section, o => o.Problems()),
        .. Logging(configuration),
    ];

    /// <summary>The <c>Serilog</c> section, read by Serilog's own reader into a logger that is thrown away: a level it does
    /// not know stops the reader, and a sink it cannot find (a misspelt <c>WriteTo</c> name), which it only reports to its
    /// self-log and skips, would leave a server without the log an operator looks for.</summary>
    private static List<string> Logging(IConfiguration configuration)
    {
        // Levels first: Serilog reads a name it does not know as a level switch's, and says so in those words.
        var minimum = configuration.GetSection("Serilog:MinimumLevel");
        var problems = new[] { minimum, minimum.GetSection("Default") }
            .Concat(minimum.GetSection("Override").GetChildren())
            .Where(level => level.Value is { Length: > 0 } value && !value.StartsWith('$') && !Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out _))
            .Select(level => $"{level.Path} must be {string.Join(", ", Enum.GetNames<LogEventLevel>()[..^1])} or {Enum.GetNames<LogEventLevel>()[^1]}, not '{level.Value}'.")
            .ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        SelfLog.Enable(message =>
        {
            lock (problems)
            {
                problems.Add($"Serilog: {SelfLogTime().Replace(message.Trim(), string.Empty)}");
            }
        });
        try
        {
            using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration, HostLogging.ReaderOptions(configuration)).CreateLogger();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"Serilog: {ex.Message}");
        }
        finally
        {
            SelfLog.Disable();
        }

        return problems;
    }

    // The binder's reflection, in the shipped (ahead-of-time compiled) server too: T's properties are kept by the annotation,
    // and the options classes hold strings, numbers, booleans, enums, time spans and arrays and dictionaries of those,
    // which bind without code generated at run time. The settings tests run against the shipped binary.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Options classes of plain settings; see above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "T's members are kept by its annotation; see above.")]
    private static IReadOnlyList<string> Check<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(
        IConfiguration configuration, string section, Func<T, IReadOnlyList<string>> problems)
        where T : new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder stops at the first value it cannot convert: each setting of the section is tried on its own so
            // that every such value is named at once. The section's other rules wait until they convert.
            var failures = typeof(T).GetProperties()
                .Where(property => property.CanWrite)
                .Select(property => Conversion(configuration.GetSection(section).GetSection(property.Name), property.PropertyType))
                .OfType<string>()
                .ToList();
            return failures.Count > 0 ? failures : [Reworded(ex.Message)];
        }

        return problems(options);
    }

    /// <summary>Why the binder cannot convert <paramref name="setting"/> to <paramref name="type"/>, or null.</summary>
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "A property type of an options class; see Check.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A property type of an options class; see Check.")]
    private static string? Conversion(IConfigurationSection setting, Type type)
    {
        if (!setting.Exists())
        {
            return null;
        }

        try
        {
            _ = setting.Get(type);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return Reworded(ex.Message);
        }
    }

    /// <summary>The binder's "Failed to convert configuration value 'abc' at 'Voice:MaxTries' to type 'System.Int32'."
    /// in the words of the other problems.</summary>
    internal static string Reworded(string message)
    {
        var match = BinderFailure().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var expected = match.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Decimal" or "System.Single" => "a number (with a dot: 2.5)",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration such as 00:00:30 (hh:mm:ss)",
            var other => $"a {other.Split('.')[^1]}",
        };
        return $"{match.Groups["key"].Value}: '{match.Groups["value"].Value}' is not {expected}.";
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[0-9:.]+Z? ")]
    private static partial Regex SelfLogTime();

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'\.$", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}

/// <summary>Settings to fix before anything can start; <see cref="Problems"/> has one line each.</summary>
public sealed class SettingsException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
