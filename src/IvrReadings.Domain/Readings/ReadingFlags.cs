namespace IvrReadings.Domain;

[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A [Flags] enum named as the export and the console name its column: flags.")]
public enum ReadingFlags
{
    None = 0,
    LowerThanPrevious = 1,
    LargeJumpConfirmed = 2,
    VerificationOverdue = 4,
    AutoFilled = 8,
    StaffCorrected = 16,
}
