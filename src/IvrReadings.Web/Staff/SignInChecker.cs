using IvrReadings.Domain;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Staff;

public enum SignInOutcome
{
    Success,

    /// <summary>Wrong password, unknown login, locked or disabled account: one answer for all, so it tells nothing.</summary>
    Refused,
}

/// <summary>
/// Checks a login and password. Every attempt costs one slow hash and one database write, whatever the login, so neither
/// the answer nor its time tells an unknown login from a locked, disabled or real one. Failures in a row are counted
/// with an atomic update that touches nothing else, and lock the account after <c>Console:LockoutThreshold</c>.
/// </summary>
public sealed class SignInChecker(IStaffStore store, TimeProvider time, IOptions<ConsoleOptions> options)
{
    public async Task<(SignInOutcome Outcome, StaffUser? User)> CheckAsync(string login, string password, string? address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var typed = StaffAdmin.NormalizeLogin(login);
        var user = StaffAdmin.IsValidLogin(typed) ? await store.GetAsync(typed, cancellationToken) : null;
        var usable = user is not null && !user.IsDisabled() && !user.IsLocked(now);
        var verified = PasswordHasher.Verify(password ?? string.Empty, usable ? user!.PasswordHash : PasswordHasher.Decoy) && usable;
        if (!verified)
        {
            var audit = new AuditEntry(now, null, AuditActions.SignInFailed, typed.Length > 64 ? typed[..64] : typed,
                user is null ? "unknown login" : user.IsDisabled() ? "disabled" : user.IsLocked(now) ? "locked" : "wrong password", address);
            // Counted only for a usable account: a locked one stays locked as long as it was, and the disabled are not counted.
            await store.RecordFailedSignInAsync(usable ? typed : string.Empty, settings.LockoutThreshold,
                now.AddMinutes(Math.Max(1, settings.LockoutMinutes)), audit, cancellationToken);
            return (SignInOutcome.Refused, null);
        }

        if (user!.FailedAttempts != 0 || user.LockedUntil is not null)
        {
            await store.ClearFailedSignInsAsync(user.Login, cancellationToken);
        }

        return (SignInOutcome.Success, user with { FailedAttempts = 0, LockedUntil = null });
    }
}
