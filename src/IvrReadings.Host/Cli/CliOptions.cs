using System.CommandLine;
using System.Globalization;
using IvrReadings.Domain;

namespace IvrReadings.Host.Cli;

/// <summary>The kinds of option the commands take, each with its own check and message (exit 2 before anything runs).</summary>
internal static class CliOptions
{
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Option<string> Text(string name, string helpName, string description, string? fallback = null)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        return option;
    }

    /// <summary>A whole number, 0 or more (at least <paramref name="minimum"/>).</summary>
    public static Option<int> Count(string name, string helpName, string description, int fallback, int minimum = 0) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            {
                return value;
            }

            result.AddError($"{name} takes a whole number{(minimum > 0 ? $" from {minimum}" : "")}, not '{text}'.");
            return fallback;
        },
    };

    public static Option<BillingPeriod> Period() => new("--period")
    {
        Description = "the billing period",
        HelpName = "YYYY-MM",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (BillingPeriod.TryParse(text, out var period))
            {
                return period;
            }

            result.AddError($"--period takes YYYY-MM, not '{text}'.");
            return default;
        },
    };

    /// <summary>A positional value that must be there (<c>FILE.csv</c>, <c>LOGIN</c>, <c>DIR</c>).</summary>
    public static Argument<string> Value(string name, string description) => new(name) { Description = description };
}
