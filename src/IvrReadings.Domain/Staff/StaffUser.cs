namespace IvrReadings.Domain;

public enum StaffRole
{
    Operator,
    Supervisor,
}

/// <summary>A console user. The password hash string is opaque here (the console owns the hashing scheme).</summary>
public sealed record StaffUser(
    string Login,
    StaffRole Role,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);
