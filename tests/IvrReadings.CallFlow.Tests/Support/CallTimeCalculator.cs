using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Timing;

namespace IvrReadings.CallFlow.Tests;

/// <summary>What a caller needs besides listening: the time to key and to think.</summary>
public sealed record KeyingAssumptions(TimeSpan PerKey, TimeSpan ThinkPerInput)
{
    public static KeyingAssumptions Default { get; } = new(TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(1));
}

/// <summary>Which prompts the caller listens to before keying.</summary>
public enum CallerModel
{
    /// <summary>A first-time caller: hears every prompt to the end.</summary>
    FirstTime,

    /// <summary>
    /// A regular caller (readings are monthly): keys over the fixed instructions they know (barge-in) and listens
    /// to everything that carries this call's content: read-backs, numbers, meter names, "accepted", the summary.
    /// </summary>
    Regular,
}

public sealed record CallTimeEstimate(TimeSpan Total, TimeSpan Listening, TimeSpan Keying, int Inputs, int Keys, CallEnding? Outcome,
    IReadOnlyList<CallTimeStep> Steps);

/// <summary>One prompt (or menu) and the caller's answer to it.</summary>
public sealed record CallTimeStep(IReadOnlyList<string> Prompts, TimeSpan Listening, string? Keys, TimeSpan Keying);

/// <summary>
/// The caller-experience time of a call (docs/callflow.md, "Caller experience: how long the standard call takes"): the
/// flow is run as a pure function on a key script; each prompt counts with its real WAV duration (the caller listens to
/// the end, no barge-in), each input adds think time and key time. Store and lookups are taken as instant.
/// </summary>
public sealed class CallTimeCalculator(Func<string, TimeSpan> promptDuration, KeyingAssumptions? keying = null, CallerModel model = CallerModel.FirstTime)
{
    /// <summary>Fixed instructions a regular caller knows and keys over.</summary>
    private static readonly HashSet<string> Instructions = new(StringComparer.Ordinal)
    {
        "welcome", "tone-hint", "main-menu", "account-enter", "confirm-or-reenter", "reading-enter", "reading-enter-short",
        "next-guided", "known-account-choice", "goodbye",
    };

    private readonly KeyingAssumptions _keying = keying ?? KeyingAssumptions.Default;

    /// <summary>The standard flat: account 1234567 with a two-zone electricity meter and two cold-water meters.</summary>
    public static FlowAccount StandardAccount { get; } = new(
        "1234567",
        [
            new FlowMeter("1", FlowMeterKind.Electricity, null, 6, [new(FlowZone.Day, 6000, null), new(FlowZone.Night, 2000, null)]),
            new FlowMeter("2", FlowMeterKind.ColdWater, "кухня", 5, [new(FlowZone.Single, 100, null)]),
            new FlowMeter("3", FlowMeterKind.ColdWater, "ванная", 5, [new(FlowZone.Single, 50, null)]),
        ]);

    /// <summary>The standard call: both electricity zones and both cold-water meters (the last one offered without a
    /// menu), all confirmed; the summary follows the last confirmation.</summary>
    public const string StandardKeys = "2 1234567# 1 1 6116# 2100# 1 1 110# 1 60# 1";

    public static CallTimeCalculator ForSounds(string soundsDirectory, string language, CallerModel model = CallerModel.FirstTime,
        KeyingAssumptions? keying = null) =>
        new(new PromptDurations(soundsDirectory, language).Of, keying, model);

    /// <summary>Runs the key script ("2 1234567# 1 ..." ; "-" = silence) against the account and adds up the time.</summary>
    public CallTimeEstimate Estimate(FlowSettings settings, FlowAccount account, string keys)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(keys);
        var bursts = new Queue<string>(keys.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var listening = TimeSpan.Zero;
        var keying = TimeSpan.Zero;
        int inputs = 0, keyCount = 0;
        var steps = new List<CallTimeStep>();
        var state = ReadingsFlow.Initial(settings);
        FlowEvent next = new CallStarted();
        while (true)
        {
            var decision = ReadingsFlow.Decide(state, next);
            state = decision.State;
            FlowEvent? answer = null;
            foreach (var command in decision.Commands)
            {
                switch (command)
                {
                    case Play play:
                        listening += Sum(play.Prompts);
                        steps.Add(new(play.Prompts, Sum(play.Prompts), null, TimeSpan.Zero));
                        answer = new PromptDone();
                        break;
                    case Collect collect:
                        listening += Sum(collect.Prompts);
                        if (!bursts.TryDequeue(out var burst))
                        {
                            answer = new HungUp();
                            break;
                        }

                        inputs++;
                        var keyTime = burst == "-" ? TimeSpan.FromMilliseconds(collect.TimeoutMs) : _keying.ThinkPerInput + (_keying.PerKey * burst.Length);
                        steps.Add(new(collect.Prompts, Sum(collect.Prompts), burst, keyTime));
                        if (burst == "-")
                        {
                            keying += TimeSpan.FromMilliseconds(collect.TimeoutMs);
                            answer = new InputTimedOut();
                            break;
                        }

                        keyCount += burst.Length;
                        keying += _keying.ThinkPerInput + (_keying.PerKey * burst.Length);
                        answer = new DigitsReceived(burst.TrimEnd('#'));
                        break;
                    case FindCallerAccount:
                        answer = new CallerAccountFound(null);
                        break;
                    case LookupAccount lookup:
                        answer = new AccountLookedUp(lookup.AccountNumber == account.Number ? account : null);
                        break;
                    case StoreReading:
                        answer = new ReadingStored();
                        break;
                }
            }

            if (state.IsEnded || answer is null)
            {
                return new CallTimeEstimate(listening + keying, listening, keying, inputs, keyCount, state.Outcome, steps);
            }

            next = answer;
        }
    }

    private TimeSpan Sum(IEnumerable<string> prompts) => prompts
        .Where(id => model == CallerModel.FirstTime || !Instructions.Contains(id))
        .Aggregate(TimeSpan.Zero, (total, id) => total + promptDuration(id));
}
