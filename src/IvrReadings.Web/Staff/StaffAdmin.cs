using System.Text.RegularExpressions;
using IvrReadings.Domain;

namespace IvrReadings.Web.Staff;

public enum StaffAddResult
{
    Added,
    LoginTaken,
    InvalidLogin,
    WeakPassword,
}

/// <summary>Staff administration shared by the CLI (<c>ivr-readings staff add</c>) and the console's pages. Every change is audited.</summary>
public static partial class StaffAdmin
{
    /// <summary>The actor the audit log names for changes made with <c>ivr-readings</c> on the server itself.</summary>
    public const string CommandLineActor = "(command line)";

    public const int MinimumPasswordLength = PasswordPolicy.MinimumLength;

    public static string NormalizeLogin(string? login) => (login ?? string.Empty).Trim().ToLowerInvariant();

    public static bool IsValidLogin(string? login) => LoginPattern().IsMatch(NormalizeLogin(login));

    public static bool IsAcceptablePassword(string? password, string? login = null) => PasswordPolicy.Check(password, login) == PasswordVerdict.Acceptable;

    /// <summary>Creates a staff account with a salted slow hash of the password.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The audit parameters after the token are optional; the command line and the tests leave them out.")]
    public static async Task<StaffAddResult> AddAsync(
        string login,
        StaffRole role,
        string password,
        IStaffStore store,
        TimeProvider time,
        CancellationToken cancellationToken = default,
        string actor = CommandLineActor,
        string? address = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (!IsValidLogin(login))
        {
            return StaffAddResult.InvalidLogin;
        }

        if (!IsAcceptablePassword(password, login))
        {
            return StaffAddResult.WeakPassword;
        }

        var now = time.GetUtcNow();
        var user = new StaffUser(NormalizeLogin(login), role, PasswordHasher.Hash(password), 0, null, now);
        var audit = new AuditEntry(now, actor, AuditActions.StaffAdded, user.Login, role.ToName(), address);
        return await store.CreateAsync(user, audit, cancellationToken) ? StaffAddResult.Added : StaffAddResult.LoginTaken;
    }

    /// <summary>The same, with the store and clock from the host's services (what <c>ivr-readings staff add</c> calls).</summary>
    public static Task<StaffAddResult> AddAsync(string login, StaffRole role, string password, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddAsync(
            login,
            role,
            password,
            services.GetRequiredService<IStaffStore>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            cancellationToken);
    }

    /// <summary>A message for the terminal, in English (the CLI's language).</summary>
    public static string Describe(StaffAddResult result) => result switch
    {
        StaffAddResult.Added => "Staff member added.",
        StaffAddResult.LoginTaken => "That login exists already.",
        StaffAddResult.InvalidLogin => "Login: 2-64 characters, latin letters, digits, '.', '-', '_', starting with a letter or digit.",
        StaffAddResult.WeakPassword => $"The password must have {PasswordPolicy.MinimumLength} to {PasswordPolicy.MaximumLength} characters, not only spaces, "
            + "at least 4 different characters, and be neither a common password nor built on the login.",
        _ => result.ToString(),
    };

    /// <summary>Sets a new password (a supervisor's reset); lifts a lock from failed attempts; ends the user's sessions.</summary>
    public static async Task<PasswordVerdict?> SetPasswordAsync(string login, string password, IStaffStore store, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var verdict = PasswordPolicy.Check(password, login);
        if (verdict != PasswordVerdict.Acceptable)
        {
            return verdict;
        }

        return await store.SetPasswordAsync(NormalizeLogin(login), PasswordHasher.Hash(password), audit, cancellationToken) ? PasswordVerdict.Acceptable : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();
}
