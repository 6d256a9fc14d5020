namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: words.</summary>
public static partial class ReadingsFlow
{
    public static string KindPrompt(FlowMeterKind kind) => kind switch
    {
        FlowMeterKind.Electricity => "kind-electricity",
        FlowMeterKind.Gas => "kind-gas",
        FlowMeterKind.ColdWater => "kind-cold-water",
        FlowMeterKind.HotWater => "kind-hot-water",
        _ => "kind-heat",
    };

    public static string ZonePrompt(FlowZone zone) => zone switch
    {
        FlowZone.Day => "zone-day",
        FlowZone.Night => "zone-night",
        FlowZone.Peak => "zone-peak",
        FlowZone.SemiPeak => "zone-semipeak",
        _ => "zone-day",
    };

    /// <summary>A meter's free-text description ("Кухня", "bathroom") as a prompt, when we have a word for it.</summary>
    public static string? DescriptionPrompt(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var d = description.ToLowerInvariant();
        if (d.Contains("кух") || d.Contains("kitchen"))
        {
            return "desc-kitchen";
        }

        if (d.Contains("ванн") || d.Contains("bath"))
        {
            return "desc-bathroom";
        }

        return d.Contains("туалет") || d.Contains("toilet") || d.Contains("сануз") ? "desc-toilet" : null;
    }
}
