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

/// <summary>Staff administration shared by the CLI (<c>ivr-readings staff add</c>) and the supervisor pages.</summary>
public static partial class StaffAdmin
{
    public const int MinimumPasswordLength = 10;

    public static string NormalizeLogin(string? login) => (login ?? string.Empty).Trim().ToLowerInvariant();

    public static bool IsValidLogin(string? login) => LoginPattern().IsMatch(NormalizeLogin(login));

    public static bool IsAcceptablePassword(string? password) => password is not null && password.Length >= MinimumPasswordLength;

    /// <summary>Creates a staff account with a salted slow hash of the password.</summary>
    public static async Task<StaffAddResult> AddAsync(
        string login,
        StaffRole role,
        string password,
        IStaffStore store,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (!IsValidLogin(login))
        {
            return StaffAddResult.InvalidLogin;
        }

        if (!IsAcceptablePassword(password))
        {
            return StaffAddResult.WeakPassword;
        }

        var user = new StaffUser(NormalizeLogin(login), role, PasswordHasher.Hash(password), 0, null, time.GetUtcNow());
        return await store.CreateAsync(user, cancellationToken) ? StaffAddResult.Added : StaffAddResult.LoginTaken;
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
        StaffAddResult.WeakPassword => $"The password must have at least {MinimumPasswordLength} characters.",
        _ => result.ToString(),
    };

    /// <summary>Sets a new password and lifts a lock from failed attempts (not a disablement).</summary>
    public static async Task<bool> SetPasswordAsync(string login, string password, IStaffStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = await store.GetAsync(NormalizeLogin(login), cancellationToken);
        if (user is null || !IsAcceptablePassword(password))
        {
            return false;
        }

        return await store.UpdateAsync(user with
        {
            PasswordHash = PasswordHasher.Hash(password),
            FailedAttempts = 0,
            LockedUntil = user.IsDisabled() ? user.LockedUntil : null,
        }, cancellationToken);
    }

    public static async Task<bool> SetDisabledAsync(string login, bool disabled, IStaffStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = await store.GetAsync(NormalizeLogin(login), cancellationToken);
        if (user is null)
        {
            return false;
        }

        return await store.UpdateAsync(user with { FailedAttempts = 0, LockedUntil = disabled ? StaffUserState.DisabledUntil : null }, cancellationToken);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();
}
