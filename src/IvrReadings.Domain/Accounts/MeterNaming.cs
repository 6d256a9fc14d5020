namespace IvrReadings.Domain;

/// <summary>Where in the flat a meter is, when its free-text description says so.</summary>
public enum MeterPlace
{
    None,
    Kitchen,
    Bathroom,
    Toilet,
}

/// <summary>What tells a meter apart from the account's other meters of its kind: its place, else its number among
/// them (1-based, in the account's order) when there are several, else nothing.</summary>
public readonly record struct MeterName(MeterPlace Place, int? Number);

/// <summary>How a meter is named to a caller, on every channel: "cold water, kitchen", "cold water, meter two", "gas".</summary>
public static class MeterNaming
{
    /// <summary>The place a description ("Кухня", "bathroom", "санузел") names, if we have a word for it.</summary>
    public static MeterPlace PlaceOf(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return MeterPlace.None;
        }

        var d = description.ToLowerInvariant();
        if (d.Contains("кух", StringComparison.Ordinal) || d.Contains("kitchen", StringComparison.Ordinal))
        {
            return MeterPlace.Kitchen;
        }

        if (d.Contains("ванн", StringComparison.Ordinal) || d.Contains("bath", StringComparison.Ordinal))
        {
            return MeterPlace.Bathroom;
        }

        return d.Contains("туалет", StringComparison.Ordinal) || d.Contains("toilet", StringComparison.Ordinal)
            || d.Contains("сануз", StringComparison.Ordinal)
            ? MeterPlace.Toilet
            : MeterPlace.None;
    }

    /// <param name="description">The meter's description.</param>
    /// <param name="position">Its index among the account's meters of its kind.</param>
    /// <param name="ofItsKind">How many meters of its kind the account has.</param>
    public static MeterName Of(string? description, int position, int ofItsKind) =>
        PlaceOf(description) is var place and not MeterPlace.None ? new MeterName(place, null)
        : ofItsKind > 1 ? new MeterName(MeterPlace.None, position + 1)
        : new MeterName(MeterPlace.None, null);
}
