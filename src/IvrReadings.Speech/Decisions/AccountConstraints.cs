namespace IvrReadings.Speech.Decisions;

/// <summary>
/// What an account number may be. Leading zeros count as digits here. The known-account check is a
/// callback so speech stays independent of storage; without one, any number of the right length fits.
/// </summary>
public sealed record AccountConstraints
{
    public AccountConstraints(
        int minLength = 5,
        int maxLength = 12,
        Func<string, CancellationToken, ValueTask<bool>>? isKnownAccount = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, minLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, 18);
        MinLength = minLength;
        MaxLength = maxLength;
        IsKnownAccount = isKnownAccount;
    }

    public static AccountConstraints Default { get; } = new();

    public int MinLength { get; }

    public int MaxLength { get; }

    public Func<string, CancellationToken, ValueTask<bool>>? IsKnownAccount { get; }
}
