namespace IvrReadings.Domain;

/// <summary>
/// Console users. Logins are compared case-insensitively (stored lower-case). Every change is a targeted update of the
/// fields it is about, so two changes at once (a failed sign-in while a supervisor disables the account) never undo
/// each other. A change that ends the user's sessions gives them a new security stamp. An audit entry passed with a
/// change is written in the same transaction.
/// </summary>
public interface IStaffStore
{
    Task<StaffUser?> GetAsync(string login, CancellationToken cancellationToken);

    /// <summary>All users by login.</summary>
    Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when the login exists already.</summary>
    Task<bool> CreateAsync(StaffUser user, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>A new password hash; lifts a lock from failed sign-ins (not a disablement); new security stamp. False when unknown.</summary>
    Task<bool> SetPasswordAsync(string login, string passwordHash, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>A new role and security stamp. False when unknown.</summary>
    Task<bool> SetRoleAsync(string login, StaffRole role, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>Disables or enables; clears failed sign-ins; new security stamp. False when unknown.</summary>
    Task<bool> SetDisabledAsync(string login, bool disabled, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>A new security stamp only: every session of the user ends (sign-out). False when unknown.</summary>
    Task<bool> RenewSecurityStampAsync(string login, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failed sign-in atomically: the counter goes up by one and, when it reaches <paramref name="threshold"/>,
    /// restarts at zero with the account locked until <paramref name="lockUntil"/>. Touches nothing else. Writes
    /// <paramref name="audit"/> (whether or not the login exists) and, when this failure locked the account, a lockout line.
    /// Returns the user as it now is, or null for an unknown or disabled login.
    /// </summary>
    Task<StaffUser?> RecordFailedSignInAsync(string login, int threshold, DateTimeOffset lockUntil, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>After a good sign-in: failed sign-ins back to zero and no lock. Touches nothing else.</summary>
    Task ClearFailedSignInsAsync(string login, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string login, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
