namespace IvrReadings.Domain;

/// <summary>
/// One meter of an account. <see cref="Last"/> holds the last accepted reading per zone as the billing system
/// imported it (the starting point before this system has any history of its own).
/// </summary>
public sealed record Meter
{
    public Meter(long id, string accountNumber, string serial, MeterKind kind, int zoneCount, int digits, string description,
        IReadOnlyList<ZoneReading> last, DateOnly? nextVerification, long? autoFillAmount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        if (!Domain.Zones.IsValidCount(zoneCount)) throw new ArgumentOutOfRangeException(nameof(zoneCount), zoneCount, "A meter has 1, 2 or 3 zones.");
        if (digits is < 1 or > 18) throw new ArgumentOutOfRangeException(nameof(digits), digits, "A meter has 1-18 digits.");
        if (autoFillAmount < 0) throw new ArgumentOutOfRangeException(nameof(autoFillAmount), autoFillAmount, "Auto-fill amount cannot be negative.");
        Id = id;
        AccountNumber = accountNumber;
        Serial = serial;
        Kind = kind;
        ZoneCount = zoneCount;
        Digits = digits;
        Description = description ?? "";
        Last = last ?? [];
        NextVerification = nextVerification;
        AutoFillAmount = autoFillAmount;
    }

    /// <summary>Storage-assigned id (0 before it is stored).</summary>
    public long Id { get; init; }
    public string AccountNumber { get; }

    /// <summary>The billing system's meter number (the <c>meter</c> column of billing files); unique.</summary>
    public string Serial { get; }
    public MeterKind Kind { get; }
    public int ZoneCount { get; }

    /// <summary>Digits before the decimal point the meter shows: a reading must fit in them.</summary>
    public int Digits { get; }

    /// <summary>Where it is, e.g. "kitchen", "bathroom"; empty when the flat has one meter of its kind.</summary>
    public string Description { get; }
    public IReadOnlyList<ZoneReading> Last { get; }
    public DateOnly? NextVerification { get; }

    /// <summary>Monthly amount added when no reading came in (0 for an empty flat); null when the householder did not ask for it.</summary>
    public long? AutoFillAmount { get; }

    public IReadOnlyList<Zone> Zones => Domain.Zones.InAskingOrder(ZoneCount);

    public ZoneReading? LastFor(Zone zone) => Last.FirstOrDefault(l => l.Zone == zone);

    // Value equality that looks inside Last (a record would compare the list reference).
    public bool Equals(Meter? other) =>
        other is not null && Id == other.Id && AccountNumber == other.AccountNumber && Serial == other.Serial && Kind == other.Kind
        && ZoneCount == other.ZoneCount && Digits == other.Digits && Description == other.Description && Last.SequenceEqual(other.Last)
        && NextVerification == other.NextVerification && AutoFillAmount == other.AutoFillAmount;

    public override int GetHashCode() => HashCode.Combine(Id, Serial, Kind, ZoneCount);

    /// <summary>The largest value that fits the meter's digits.</summary>
    public long Capacity => Digits >= 18 ? 999_999_999_999_999_999 : (long)Math.Pow(10, Digits) - 1;
}
