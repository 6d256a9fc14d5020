using IvrReadings.Domain;

namespace IvrReadings.Web.Staff;

/// <summary>
/// A disabled account is one locked for ever: <see cref="StaffUser"/> has no flag of its own,
/// and a lock until <see cref="DateTimeOffset.MaxValue"/> never runs out.
/// </summary>
public static class StaffUserState
{
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static bool IsDisabled(this StaffUser user) => user.LockedUntil == DisabledUntil;

    public static bool IsLocked(this StaffUser user, DateTimeOffset now) => !user.IsDisabled() && user.LockedUntil is { } until && until > now;
}
