using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Tests;

/// <summary>
/// Drives the pure flow with fakes: a dictionary of accounts, a list as the store, and a key script where each
/// token answers one Collect ("1234567#", "2", "-" = silence). The caller hangs up when the script runs out,
/// or after <see cref="HangUpAfter"/> events.
/// </summary>
internal sealed class FlowHarness
{
    public Dictionary<string, FlowAccount> Accounts { get; } = new() { [Some.Account.Number] = Some.Account };

    public Dictionary<string, string> CallerAccounts { get; } = [];

    public List<ConfirmedReading> Stored { get; } = [];

    public List<FlowCommand> Commands { get; } = [];

    public List<string> Heard { get; } = [];

    public Dictionary<string, string> Variables { get; } = [];

    public bool StoreDown { get; set; }

    public int? HangUpAfter { get; set; }

    public FlowState Run(string keys, FlowSettings? settings = null)
    {
        settings ??= Some.Settings();
        var tokens = new Queue<string>(keys.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var state = ReadingsFlow.Initial(settings);
        FlowEvent next = new CallStarted();
        var events = 0;
        while (true)
        {
            if (HangUpAfter is { } limit && events++ >= limit)
            {
                next = new HungUp();
            }

            var decision = ReadingsFlow.Decide(state, next);
            state = decision.State;
            if (state.IsEnded || decision.Commands.Count == 0)
            {
                Commands.AddRange(decision.Commands);
                foreach (var set in decision.Commands.OfType<SetVariable>())
                {
                    Variables[set.Name] = set.Value;
                }

                return state;
            }

            FlowEvent? answer = null;
            foreach (var command in decision.Commands)
            {
                Commands.Add(command);
                answer = Execute(command, tokens, settings.Language);
            }

            next = answer!;
        }
    }

    public string Transcript => string.Join(" | ", Heard);

    private FlowEvent Execute(FlowCommand command, Queue<string> tokens, string lang)
    {
        switch (command)
        {
            case Play play:
                Heard.Add(PromptCatalogue.Default.Phrase(play.Prompts, lang));
                return new PromptDone();
            case Collect collect:
                Heard.Add(PromptCatalogue.Default.Phrase(collect.Prompts, lang));
                if (!tokens.TryDequeue(out var token))
                {
                    return new HungUp();
                }

                return token == "-" ? new InputTimedOut() : new DigitsReceived(token.EndsWith('#') ? token[..^1] : token);
            case SetVariable set:
                Variables[set.Name] = set.Value;
                return null!;
            case FindCallerAccount find:
                return StoreDown ? new StoreFailed() : new CallerAccountFound(CallerAccounts.GetValueOrDefault(find.CallerId));
            case LookupAccount lookup:
                return StoreDown ? new StoreFailed() : new AccountLookedUp(Accounts.GetValueOrDefault(lookup.AccountNumber));
            case StoreReading store:
                if (StoreDown)
                {
                    return new StoreFailed();
                }

                Stored.Add(store.Reading);
                return new ReadingStored();
            default:
                throw new InvalidOperationException(command.ToString());
        }
    }
}
