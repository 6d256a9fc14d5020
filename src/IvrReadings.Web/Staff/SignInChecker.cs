using IvrReadings.Domain;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Staff;

public enum SignInOutcome
{
    Success,
    Refused,
    LockedOut,
}

/// <summary>Checks a login and password, counting failures in a row and locking the account after too many.</summary>
public sealed class SignInChecker(IStaffStore store, TimeProvider time, IOptions<ConsoleOptions> options)
{
    public async Task<(SignInOutcome Outcome, StaffUser? User)> CheckAsync(string login, string password, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var user = StaffAdmin.IsValidLogin(login) ? await store.GetAsync(StaffAdmin.NormalizeLogin(login), cancellationToken) : null;
        if (user is null)
        {
            // Same work as for a known login, so timing does not tell which logins exist.
            PasswordHasher.Verify(password, PasswordHasher.Decoy);
            return (SignInOutcome.Refused, null);
        }

        if (user.IsDisabled())
        {
            PasswordHasher.Verify(password, PasswordHasher.Decoy);
            return (SignInOutcome.Refused, null);
        }

        var now = time.GetUtcNow();
        if (user.LockedUntil is { } until && until > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (!PasswordHasher.Verify(password, user.PasswordHash))
        {
            var failures = user.FailedAttempts + 1;
            var locked = failures >= Math.Max(1, settings.LockoutThreshold);
            await store.UpdateAsync(user with
            {
                FailedAttempts = locked ? 0 : failures,
                LockedUntil = locked ? now.AddMinutes(Math.Max(1, settings.LockoutMinutes)) : null,
            }, cancellationToken);
            return (locked ? SignInOutcome.LockedOut : SignInOutcome.Refused, null);
        }

        if (user.FailedAttempts != 0 || user.LockedUntil is not null)
        {
            user = user with { FailedAttempts = 0, LockedUntil = null };
            await store.UpdateAsync(user, cancellationToken);
        }

        return (SignInOutcome.Success, user);
    }
}
