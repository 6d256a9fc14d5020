using IvrReadings.Domain;

namespace IvrReadings.Web.Staff;

/// <summary>How the console reads a <see cref="StaffUser"/>'s state.</summary>
public static class StaffUserState
{
    public static bool IsDisabled(this StaffUser user) => user.Disabled;

    public static bool IsLocked(this StaffUser user, DateTimeOffset now) => !user.Disabled && user.LockedUntil is { } until && until > now;
}
