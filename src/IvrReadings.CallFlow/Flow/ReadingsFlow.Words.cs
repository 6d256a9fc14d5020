using IvrReadings.CallFlow.Prompts;
using IvrReadings.Domain;

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

    /// <summary>"холодная вода, кухня" / "холодная вода, счётчик номер два" / "газ": the meter's kind, then what tells it
    /// apart from the account's other meters of that kind (<see cref="MeterNaming"/>). Both flows name meters this way.</summary>
    public static IReadOnlyList<string> MeterName(IReadOnlyList<FlowMeter> accountMeters, FlowMeter meter, string language)
    {
        ArgumentNullException.ThrowIfNull(accountMeters);
        ArgumentNullException.ThrowIfNull(meter);
        return [KindPrompt(meter.Kind), .. Distinction(accountMeters, meter, language)];
    }

    /// <summary>The meter's name without its kind: its place, else "meter number N" when its kind has several.</summary>
    public static IReadOnlyList<string> Distinction(IReadOnlyList<FlowMeter> accountMeters, FlowMeter meter, string language)
    {
        ArgumentNullException.ThrowIfNull(accountMeters);
        ArgumentNullException.ThrowIfNull(meter);
        var ofItsKind = accountMeters.Where(m => m.Kind == meter.Kind).ToList();
        var name = MeterNaming.Of(meter.Description, ofItsKind.FindIndex(m => m.MeterId == meter.MeterId), ofItsKind.Count);
        return name switch
        {
            { Place: var place } when PlacePrompt(place) is { } prompt => [prompt],
            { Number: { } number } => ["meter-number", .. NumberSpeaker.Number(number, language)],
            _ => [],
        };
    }

    /// <summary>The prompt naming a meter's place (kitchen, bathroom, toilet), when its description names one.</summary>
    public static string? PlacePrompt(string? description) => PlacePrompt(MeterNaming.PlaceOf(description));

    private static string? PlacePrompt(MeterPlace place) => place switch
    {
        MeterPlace.Kitchen => "desc-kitchen",
        MeterPlace.Bathroom => "desc-bathroom",
        MeterPlace.Toilet => "desc-toilet",
        _ => null,
    };
}
