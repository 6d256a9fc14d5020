using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;

namespace IvrReadings.CallFlow.Tests;

/// <summary>
/// The fakes both flow harnesses answer the commands the touch-tone and voice flows share with: a dictionary of
/// accounts, a list as the store, the channel's variables and what the caller heard.
/// </summary>
internal sealed class FakeFlowSide
{
    public Dictionary<string, FlowAccount> Accounts { get; } = new() { [Some.Account.Number] = Some.Account };

    public List<ConfirmedReading> Stored { get; } = [];

    public List<string> Heard { get; } = [];

    public Dictionary<string, string> Variables { get; } = [];

    public bool StoreDown { get; set; }

    public string Transcript => string.Join(" | ", Heard);

    /// <summary>Answers a shared command (a null answer: the command needs none); false for a command of one flow only.</summary>
    public bool TryAnswer(FlowCommand command, string lang, out FlowEvent? answer)
    {
        switch (command)
        {
            case Play play:
                Heard.Add(PromptCatalogue.Default.Phrase(play.Prompts, lang));
                answer = new PromptDone();
                return true;
            case SetVariable set:
                Variables[set.Name] = set.Value;
                answer = null;
                return true;
            case LookupAccount lookup:
                answer = StoreDown ? new StoreFailed() : new AccountLookedUp(Accounts.GetValueOrDefault(lookup.AccountNumber));
                return true;
            case StoreReading store:
                answer = Store(store);
                return true;
            default:
                answer = null;
                return false;
        }
    }

    private FlowEvent Store(StoreReading store)
    {
        if (StoreDown)
        {
            return new StoreFailed();
        }

        Stored.Add(store.Reading);
        return new ReadingStored();
    }
}
