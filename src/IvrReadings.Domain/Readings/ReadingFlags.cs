namespace IvrReadings.Domain;

[Flags]
public enum ReadingFlags
{
    None = 0,
    LowerThanPrevious = 1,
    LargeJumpConfirmed = 2,
    VerificationOverdue = 4,
    AutoFilled = 8,
    StaffCorrected = 16,
}
