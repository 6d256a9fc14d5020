namespace IvrReadings.Domain;

public enum StaffRole
{
    Operator,
    Supervisor,
}

/// <summary>
/// A console user. The password hash string is opaque here (the console owns the hashing scheme).
/// <paramref name="SecurityStamp"/> changes whenever the user's sessions must end (sign-out, new password, new role,
/// disabled): a sign-in carries the stamp it was issued with and stops working once the stamp moves on.
/// </summary>
public sealed record StaffUser(
    string Login,
    StaffRole Role,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    bool Disabled = false,
    string SecurityStamp = "");
