using IvrReadings.Domain;

namespace IvrReadings.Web.Staff;

/// <summary>
/// A disabled account is one locked for ever: <see cref="StaffUser"/> has no flag of its own,
/// and a lock until the last day of year 9999 never runs out (compared by year: the store keeps times to the millisecond).
/// </summary>
public static class StaffUserState
{
    public static readonly DateTimeOffset DisabledUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDisabled(this StaffUser user) => user.LockedUntil is { Year: >= 9999 };

    public static bool IsLocked(this StaffUser user, DateTimeOffset now) => !user.IsDisabled() && user.LockedUntil is { } until && until > now;
}
