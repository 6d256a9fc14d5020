using System.Globalization;

namespace IvrReadings.Settings;

/// <summary>
/// What is wrong with one configuration section's values, each as one line that names the setting, the value given and
/// what it must be (<c>FastAgi:MaxConcurrentCalls must be 1 or more, not -1.</c>). The host checks every section before
/// anything starts and prints these lines (src/IvrReadings.Host/Hosting/SettingsCheck.cs). One source file, compiled
/// into each library that owns a section (linked from src/Shared), so the wording is the same everywhere.
/// </summary>
internal sealed class SettingProblems(string section)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> List => _problems;

    public SettingProblems AtLeast(string key, long value, long minimum) =>
        Check(value >= minimum, key, $"must be {minimum} or more, not {value}.");

    public SettingProblems Between(string key, long value, long minimum, long maximum) =>
        Check(value >= minimum && value <= maximum, key, $"must be from {minimum} to {maximum}, not {value}.");

    public SettingProblems Positive(string key, double value) =>
        Check(value > 0 && double.IsFinite(value), key, $"must be more than 0, not {Format(value)}.");

    public SettingProblems Between(string key, double value, double minimum, double maximum) =>
        Check(value >= minimum && value <= maximum, key, $"must be from {Format(minimum)} to {Format(maximum)}, not {Format(value)}.");

    /// <summary>A duration from more than 0 (or from 0, <paramref name="zeroAllowed"/>) up to <paramref name="maximum"/>;
    /// the bound also catches a plain number, which .NET reads as days ("5" is 5.00:00:00).</summary>
    public SettingProblems Duration(string key, TimeSpan value, TimeSpan maximum, bool zeroAllowed = false) =>
        Check((zeroAllowed ? value >= TimeSpan.Zero : value > TimeSpan.Zero) && value <= maximum, key,
            $"must be a duration {(zeroAllowed ? "from 00:00:00" : "of more than 0")} up to {maximum} (hh:mm:ss; a plain number is days), not {value}.");

    public SettingProblems NotEmpty(string key, string? value) =>
        Check(!string.IsNullOrWhiteSpace(value), key, "must not be empty.");

    /// <summary>One of <paramref name="allowed"/>, compared as the product compares it (ignoring case).</summary>
    public SettingProblems OneOf(string key, string? value, params string[] allowed) =>
        Check(allowed.Contains(value?.Trim(), StringComparer.OrdinalIgnoreCase), key,
            $"must be {string.Join(", ", allowed.SkipLast(1))}{(allowed.Length > 1 ? " or " : "")}{allowed[^1]}, not '{value}'.");

    /// <summary>A value that parses only through the code that uses it: <paramref name="parse"/> throws what is wrong.</summary>
    public SettingProblems Parses(string key, Action parse)
    {
        try
        {
            parse();
            return this;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            return Add(ex.Message.StartsWith(Name(key), StringComparison.Ordinal) ? ex.Message : $"{Name(key)}: {ex.Message}");
        }
    }

    /// <param name="what">Follows the setting's name: "must be ..." (after a space) or ": ..." (directly).</param>
    public SettingProblems Check(bool ok, string key, string what) =>
        ok ? this : Add(what.StartsWith(':') ? $"{Name(key)}{what}" : $"{Name(key)} {what}");

    public SettingProblems Add(string problem)
    {
        _problems.Add(problem);
        return this;
    }

    private string Name(string key) => $"{section}:{key}";

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
