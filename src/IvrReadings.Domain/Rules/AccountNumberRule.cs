namespace IvrReadings.Domain;

/// <summary>The keyed account number must be all digits and as long as the organisation's numbers are.</summary>
public static class AccountNumberRule
{
    /// <summary>Null when well-formed; otherwise the finding to tell the caller (expected length range).</summary>
    public static Finding? Check(Organisation organisation, string? keyed)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var ok = keyed is not null
            && keyed.Length >= organisation.AccountDigitsMin
            && keyed.Length <= organisation.AccountDigitsMax
            && keyed.All(char.IsAsciiDigit);
        return ok ? null : new Finding(Reason.AccountNumberLength, Digits: organisation.AccountDigitsMin, MaxDigits: organisation.AccountDigitsMax);
    }
}
