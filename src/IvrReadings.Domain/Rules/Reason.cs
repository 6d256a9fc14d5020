namespace IvrReadings.Domain;

/// <summary>Why a rule spoke up. The call flow maps each to a prompt; the parameters travel in <see cref="Finding"/>.</summary>
public enum Reason
{
    /// <summary>Outside the submission window: tell the caller <see cref="Finding.WindowOpens"/>-<see cref="Finding.WindowCloses"/>.</summary>
    OutsideWindow,

    /// <summary>More digits than the meter has (<see cref="Finding.Digits"/>), or negative.</summary>
    TooManyDigits,

    /// <summary>Lower than <see cref="Finding.Previous"/>: recorded with a warning.</summary>
    LowerThanPrevious,

    /// <summary>Consumption above N times the monthly average: ask the caller to confirm (<see cref="Finding.Previous"/>, <see cref="Finding.AverageConsumption"/>).</summary>
    LargeJump,

    /// <summary>The meter is past its verification date (<see cref="Finding.VerificationDue"/>): recorded with a warning.</summary>
    VerificationOverdue,

    /// <summary>The account number has the wrong length (<see cref="Finding.Digits"/> = expected min, <see cref="Finding.MaxDigits"/>) or is not digits.</summary>
    AccountNumberLength,

    /// <summary>No account with that number.</summary>
    UnknownAccount,
}
