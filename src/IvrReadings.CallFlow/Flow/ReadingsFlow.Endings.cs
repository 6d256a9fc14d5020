namespace IvrReadings.CallFlow.Flow;

/// <summary>The readings flow: endings.</summary>
public static partial class ReadingsFlow
{
    private static FlowDecision Operator(FlowState state, IReadOnlyList<string> prefix) =>
        new(state with { Step = FlowStep.Transferring, Repeat = null }, [new Play([.. prefix, "operator-connect"])]);

    private static FlowDecision TechnicalProblem(FlowState state) =>
        new(state with { Step = FlowStep.TechnicalProblem, Repeat = null, Pending = null }, [new Play(["technical-problem"])]);

    private static FlowDecision End(FlowState state, CallEnding outcome, string result) =>
        new(
            state with { Step = FlowStep.Ended, Outcome = outcome, LastStep = state.Step },
            [new SetVariable(state.Settings.ResultVariable, result), new EndCall(outcome)]);
}
