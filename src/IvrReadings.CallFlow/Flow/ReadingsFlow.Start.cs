using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: start and main menu.</summary>
public static partial class ReadingsFlow
{
    private static FlowDecision Start(FlowState state)
    {
        var s = state.Settings;
        if (!s.WindowOpen)
        {
            string[] from = [s.WindowFromDay == 2 && s.Language == CallLanguages.Russian ? "window-from-alt" : "window-from"];
            var prompts = new List<string> { "welcome" };
            prompts.AddRange(from);
            prompts.AddRange(NumberSpeaker.DayFrom(s.WindowFromDay));
            prompts.Add("window-to");
            prompts.AddRange(NumberSpeaker.DayTo(s.WindowToDay));
            prompts.AddRange(["window-end", "goodbye"]);
            return new(state with { Step = FlowStep.ClosedMessage, Repeat = null }, [new Play(prompts)]);
        }

        return Ask(state, FlowStep.MainMenu, ["welcome", "tone-hint"], ["main-menu"], MenuDigits);
    }

    private static FlowDecision MainMenu(FlowState state, string digits)
    {
        if (digits != "2")
        {
            return Invalid(state);
        }

        return state.Settings.CallerId is { Length: > 0 } callerId
            ? new(state with { Step = FlowStep.FindingCallerAccount, Repeat = null, Misses = 0 }, [new FindCallerAccount(callerId)])
            : AskAccount(state, []);
    }
}
