namespace IvrReadings.CallFlow.Flow;

/// <summary>
/// The touch-tone readings flow as a pure function <c>(state, event) -> (state, commands)</c>. No I/O, no clock:
/// the runner executes the commands on the channel and the stores and feeds the results back.
/// </summary>
public static partial class ReadingsFlow
{
    private const int MenuDigits = 1;
    private const int EntryDigits = 20; // more than any account or meter: '#' ends the input, too long is reported

    public static FlowState Initial(FlowSettings settings) => new() { Settings = settings };

    public static FlowDecision Decide(FlowState state, FlowEvent @event)
    {
        if (state.IsEnded)
        {
            return new(state, []);
        }

        if (@event is HungUp)
        {
            return new(state with { Step = FlowStep.Ended, Outcome = CallEnding.HungUp, LastStep = state.Step }, []);
        }

        if (@event is Interrupted)
        {
            // The runner tells the caller (ChannelPrompts.LastWordsAsync): no command of the flow can run any more.
            return new(state with { Step = FlowStep.Ended, Outcome = CallEnding.TechnicalProblem, LastStep = state.Step }, []);
        }

        if (state.Repeat is { } repeat)
        {
            switch (@event)
            {
                case InputTimedOut:
                    return Missed(state, [], silent: true);
                case DigitsReceived { Digits: var d } when d.Contains('*'):
                    return Repeated(state);
                case DigitsReceived { Digits: "0" } when repeat.MaxDigits == MenuDigits:
                    return Operator(state, []);
                case DigitsReceived { Digits: "" } when state is { Step: FlowStep.ReadingEntry, MeterOffered: true, Values.IsEmpty: true }:
                    return Summary(state); // the last meter, offered without a menu: '#' alone is "finish without it"
                case DigitsReceived { Digits: "" }:
                    return Missed(state, []);
            }
        }

        return (state.Step, @event) switch
        {
            (FlowStep.Start, CallStarted) => Start(state),
            (FlowStep.ClosedMessage, PromptDone) => End(state, CallEnding.OutsideWindow, "closed"),
            (FlowStep.MainMenu, DigitsReceived d) => MainMenu(state, d.Digits),
            (FlowStep.FindingCallerAccount, CallerAccountFound found) => OfferKnownAccount(state, found.AccountNumber),
            (FlowStep.KnownAccountOffer, DigitsReceived d) => KnownAccountChoice(state, d.Digits),
            (FlowStep.AccountEntry, DigitsReceived d) => AccountKeyed(state, d.Digits),
            (FlowStep.LookingUpAccount, AccountLookedUp found) => AccountFound(state, found.Account),
            (FlowStep.ConfirmAccount, DigitsReceived d) => ConfirmAccount(state, d.Digits),
            (FlowStep.MeterMenu, DigitsReceived d) => MeterChosen(state, d.Digits),
            (FlowStep.MeterSubMenu, DigitsReceived d) => SubMeterChosen(state, d.Digits),
            (FlowStep.ReadingEntry, DigitsReceived d) => ReadingKeyed(state, d.Digits),
            (FlowStep.ConfirmReading, DigitsReceived d) => ConfirmReading(state, d.Digits),
            (FlowStep.ReadingWarning, DigitsReceived d) => ConfirmWarning(state, d.Digits),
            (FlowStep.Storing, ReadingStored) => Stored(state),
            (FlowStep.NextOrFinish, DigitsReceived d) => NextOrFinish(state, d.Digits),
            (FlowStep.Summary, PromptDone) => End(state, CallEnding.Completed, "done"),
            (FlowStep.Transferring, PromptDone) => End(state, CallEnding.Operator, "operator"),
            (FlowStep.TechnicalProblem, PromptDone) => End(state, CallEnding.TechnicalProblem, "failed"),
            (_, StoreFailed) => TechnicalProblem(state),
            _ => throw new InvalidOperationException($"Event {@event} is not expected at step {state.Step}."),
        };
    }
}
