namespace IvrReadings.Domain;

/// <summary>
/// One line of the audit log supervisors read: who (<paramref name="Actor"/>, null for an anonymous sign-in attempt)
/// did what (<paramref name="Action"/>, one of <see cref="AuditActions"/>) to what (<paramref name="Target"/>: a login,
/// a call id, a period), with details for people (<paramref name="Detail"/>) and the client's address.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string? Actor, string Action, string? Target = null, string? Detail = null, string? Address = null);

/// <summary>A stored audit line.</summary>
public sealed record AuditRecord(long Id, AuditEntry Entry);

/// <summary>Audit log filter; null fields do not filter. Newest first.</summary>
public sealed record AuditFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Action = null,
    string? Target = null,
    int Skip = 0,
    int Take = 100);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Entries, int Total);

/// <summary>The actions the audit log knows. Stored as these names.</summary>
public static class AuditActions
{
    public const string SignIn = "signin";
    public const string SignInFailed = "signin.failed";
    public const string LockedOut = "signin.lockout";
    public const string SignOut = "signout";
    public const string StaffAdded = "staff.added";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string PasswordSet = "staff.password";
    public const string OwnPasswordChanged = "staff.own-password";
    public const string RoleChanged = "staff.role";
    public const string ReviewResolved = "review";
    public const string ClaimTakenOver = "review.takeover";
    public const string ReadingsExported = "export.readings";
    public const string CallsExported = "export.calls";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, StaffAdded, StaffDisabled, StaffEnabled, PasswordSet, OwnPasswordChanged, RoleChanged,
        ReviewResolved, ClaimTakenOver, ReadingsExported, CallsExported,
    ];
}
