namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: meters.</summary>
public static partial class ReadingsFlow
{
    private static FlowMeterKind[] Kinds(FlowState state) =>
        state.Account!.Meters.Select(m => m.Kind).Distinct().Order().ToArray();

    private static FlowMeter[] MetersOf(FlowState state, FlowMeterKind kind) =>
        state.Account!.Meters.Where(m => m.Kind == kind).ToArray();

    private static bool IsDone(FlowState state, FlowMeter meter) =>
        state.Accepted.Any(r => r.Meter.MeterId == meter.MeterId);

    private static FlowDecision MeterMenu(FlowState state, IReadOnlyList<string> prefix)
    {
        var all = state.Account!.Meters;
        if (all.Count == 1 && state.Accepted.IsEmpty)
        {
            // Nothing to choose: straight to the reading (its name is in the question when it has zones).
            return StartReading(state with { Kind = all[0].Kind }, all[0]);
        }

        var prompts = new List<string>();
        var kinds = Kinds(state);
        for (var i = 0; i < kinds.Length; i++)
        {
            var meters = MetersOf(state, kinds[i]);
            prompts.Add(KindPrompt(kinds[i]));
            if (meters.Length == 1 && PlacePrompt(meters[0].Description) is { } description)
            {
                prompts.Add(description);
            }

            if (meters.All(m => IsDone(state, m)))
            {
                prompts.Add("meter-done");
            }

            prompts.Add(Choice(i + 1));
        }

        return Ask(state with { Kind = null, Meter = null }, FlowStep.MeterMenu, prefix, prompts, MenuDigits);
    }

    private static FlowDecision MeterChosen(FlowState state, string digits)
    {
        var kinds = Kinds(state);
        if (!TryChoice(digits, kinds.Length, out var index))
        {
            return Invalid(state);
        }

        var kind = kinds[index];
        var meters = MetersOf(state, kind);
        if (meters.Length == 1)
        {
            return StartReading(state with { Kind = kind }, meters[0]);
        }

        var prompts = new List<string> { KindPrompt(kind) };
        for (var j = 0; j < meters.Length; j++)
        {
            prompts.AddRange(Distinction(state.Account!.Meters, meters[j], state.Settings.Language));

            if (IsDone(state, meters[j]))
            {
                prompts.Add("meter-done");
            }

            prompts.Add(Choice(j + 1));
        }

        return Ask(state with { Kind = kind }, FlowStep.MeterSubMenu, [], prompts, MenuDigits);
    }

    private static FlowDecision SubMeterChosen(FlowState state, string digits)
    {
        var meters = MetersOf(state, state.Kind!.Value);
        return TryChoice(digits, meters.Length, out var index) ? StartReading(state, meters[index]) : Invalid(state);
    }
}
