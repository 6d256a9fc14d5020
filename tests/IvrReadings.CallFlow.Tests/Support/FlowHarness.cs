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
    private readonly FakeFlowSide _side = new();

    public Dictionary<string, FlowAccount> Accounts => _side.Accounts;

    public Dictionary<string, string> CallerAccounts { get; } = [];

    public List<ConfirmedReading> Stored => _side.Stored;

    public List<FlowCommand> Commands { get; } = [];

    public List<string> Heard => _side.Heard;

    public Dictionary<string, string> Variables => _side.Variables;

    public bool StoreDown
    {
        get => _side.StoreDown;
        set => _side.StoreDown = value;
    }

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

    public string Transcript => _side.Transcript;

    private FlowEvent Execute(FlowCommand command, Queue<string> tokens, string lang)
    {
        if (_side.TryAnswer(command, lang, out var shared))
        {
            return shared!;
        }

        switch (command)
        {
            case Collect collect:
                Heard.Add(PromptCatalogue.Default.Phrase(collect.Prompts, lang));
                if (!tokens.TryDequeue(out var token))
                {
                    return new HungUp();
                }

                return token == "-" ? new InputTimedOut() : new DigitsReceived(token.EndsWith('#') ? token[..^1] : token);
            case FindCallerAccount find:
                return StoreDown ? new StoreFailed() : new CallerAccountFound(CallerAccounts.GetValueOrDefault(find.CallerId));
            default:
                throw new InvalidOperationException(command.ToString());
        }
    }
}
