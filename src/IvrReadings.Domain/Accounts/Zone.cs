namespace IvrReadings.Domain;

/// <summary>A tariff zone of a meter. A single-rate meter has only <see cref="Total"/>.</summary>
public enum Zone
{
    Total,
    Day,
    Night,
    Peak,
    SemiPeak,
}

public static class Zones
{
    private static readonly Zone[] One = [Zone.Total];
    private static readonly Zone[] Two = [Zone.Day, Zone.Night];
    private static readonly Zone[] Three = [Zone.Peak, Zone.SemiPeak, Zone.Night];

    /// <summary>The zones of a meter in the order callers are asked (and billing files list them).</summary>
    public static IReadOnlyList<Zone> InAskingOrder(int zoneCount) => zoneCount switch
    {
        1 => One,
        2 => Two,
        3 => Three,
        _ => throw new ArgumentOutOfRangeException(nameof(zoneCount), zoneCount, "A meter has 1, 2 or 3 zones."),
    };

    public static bool IsValidCount(int zoneCount) => zoneCount is >= 1 and <= 3;
}
