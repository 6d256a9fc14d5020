namespace IvrReadings.Speech.Decisions;

/// <summary>
/// What a reading of this meter may be. A reading below the previous one is not plausible
/// here (a rolled-over meter is rare and goes to staff).
/// </summary>
public sealed record MeterConstraints
{
    public MeterConstraints(int digitCapacity, long? previousReading = null, long? maxPlausibleValue = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digitCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digitCapacity, 18);
        DigitCapacity = digitCapacity;
        PreviousReading = previousReading;
        MaxPlausibleValue = maxPlausibleValue;
    }

    /// <summary>Digits on the meter's display, fraction wheels not counted.</summary>
    public int DigitCapacity { get; }

    public long? PreviousReading { get; }

    /// <summary>An upper bound, e.g. previous reading plus the most a household can use in a month.</summary>
    public long? MaxPlausibleValue { get; }

    /// <summary>Why <paramref name="value"/> cannot be this meter's reading, or null if it can.</summary>
    public string? Reject(long value)
    {
        if (value >= Pow10(DigitCapacity))
        {
            return $"more than {DigitCapacity} digits";
        }

        if (PreviousReading is { } previous && value < previous)
        {
            return $"below the previous reading {previous}";
        }

        if (MaxPlausibleValue is { } max && value > max)
        {
            return $"above the plausible maximum {max}";
        }

        return null;
    }

    private static long Pow10(int digits)
    {
        long result = 1;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }
}
