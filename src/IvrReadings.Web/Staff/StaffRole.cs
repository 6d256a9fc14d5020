using IvrReadings.Domain;

namespace IvrReadings.Web.Staff;

/// <summary>Role names as they appear in claims, on the command line and on the staff page.</summary>
public static class StaffRoles
{
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";

    public static string ToName(this StaffRole role) => role == StaffRole.Supervisor ? Supervisor : Operator;

    public static bool TryParse(string? text, out StaffRole role)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case Operator:
                role = StaffRole.Operator;
                return true;
            case Supervisor:
                role = StaffRole.Supervisor;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
