namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: asking.</summary>
public static partial class ReadingsFlow
{
    /// <summary>Enters a step that waits for keys; <paramref name="repeat"/> is what '*' and silence play again.</summary>
    private static FlowDecision Ask(
        FlowState state, FlowStep step, IReadOnlyList<string> prefix, IReadOnlyList<string> repeat, int maxDigits,
        IReadOnlyList<string>? first = null)
    {
        var timeout = state.Settings.InputTimeoutMs;
        var collect = new Collect([.. prefix, .. first ?? repeat], maxDigits, timeout);
        var again = new Collect(repeat, maxDigits, timeout);
        var misses = step == state.Step ? state.Misses : 0;
        return new(state with { Step = step, Repeat = again, Misses = misses, Repeats = 0 }, [collect]);
    }

    /// <summary>'*': the question again, at most <see cref="FlowSettings.MaxRepeats"/> times, then the operator.</summary>
    private static FlowDecision Repeated(FlowState state)
    {
        var repeats = state.Repeats + 1;
        return repeats > state.Settings.MaxRepeats
            ? Operator(state with { Repeats = repeats }, [])
            : new(state with { Repeats = repeats }, [state.Repeat!]);
    }

    private static FlowDecision Missed(FlowState state, IReadOnlyList<string> prefix, bool silent = false)
    {
        var misses = state.Misses + 1;
        var silentMenus = state.SilentMenus + (silent && state.Step == FlowStep.MainMenu ? 1 : 0);
        state = state with { Misses = misses, SilentMenus = silentMenus };
        var s = state.Settings;
        if (silent && state.Step == FlowStep.MainMenu && s.SilentMenusBeforeVoice > 0 && silentMenus >= s.SilentMenusBeforeVoice)
        {
            return new(
                state with { Step = FlowStep.Ended, Outcome = CallEnding.GoToVoice, LastStep = state.Step, Repeat = null },
                [new SetVariable(s.ResultVariable, "voice"), new EndCall(CallEnding.GoToVoice)]);
        }

        if (misses >= s.MaxTries)
        {
            return Operator(state, []);
        }

        var repeat = state.Repeat!;
        return new(state, [repeat with { Prompts = [.. prefix, .. repeat.Prompts] }]);
    }

    private static FlowDecision Invalid(FlowState state) => Missed(state, ["invalid-choice"]);

    /// <summary>A menu choice is said as the bare digit word: "электроэнергия один, холодная вода два".</summary>
    private static string Choice(int digit) => $"num-{digit}";

    private static bool TryChoice(string digits, int count, out int index)
    {
        index = digits.Length == 1 && char.IsAsciiDigit(digits[0]) ? digits[0] - '1' : -1;
        return index >= 0 && index < count;
    }
}
