using System.Collections.Frozen;

namespace IvrReadings.Web.Staff;

public enum PasswordVerdict
{
    Acceptable,
    TooShort,
    TooLong,
    Blank,
    TooSimple,
    Common,
    ContainsLogin,
}

/// <summary>
/// What a staff password must be: at least <see cref="MinimumLength"/> characters (at most <see cref="MaximumLength"/>),
/// not only whitespace, at least four different characters, not on the list of common passwords, and not built on the login.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 256;

    private static readonly FrozenSet<string> Common = Load();

    public static PasswordVerdict Check(string? password, string? login = null)
    {
        if (password is null || password.Length < MinimumLength)
        {
            return string.IsNullOrWhiteSpace(password) ? PasswordVerdict.Blank : PasswordVerdict.TooShort;
        }

        if (password.Length > MaximumLength)
        {
            return PasswordVerdict.TooLong;
        }

        if (string.IsNullOrWhiteSpace(password))
        {
            return PasswordVerdict.Blank;
        }

        var squeezed = Squeeze(password);
        if (squeezed.Distinct().Count() < 4)
        {
            return PasswordVerdict.TooSimple;
        }

        if (Common.Contains(squeezed))
        {
            return PasswordVerdict.Common;
        }

        var name = Squeeze(login ?? string.Empty);
        return name.Length >= 3 && squeezed.Contains(name, StringComparison.Ordinal) ? PasswordVerdict.ContainsLogin : PasswordVerdict.Acceptable;
    }

    /// <summary>The words of the check: lower case, no whitespace.</summary>
    private static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant)]);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("IvrReadings.Web.Staff.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(Squeeze(line));
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
