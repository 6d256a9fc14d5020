using IvrReadings.CallFlow.Flow;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Voice;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// Drives the pure voice flow with fakes. Each token answers one <see cref="Listen"/> with what the recognizer heard:
/// <c>F6116</c> a sure figure, <c>?</c> unsure (<c>?6116</c> with a best guess), <c>_</c> nothing, <c>Y</c>/<c>N</c>/<c>U</c> yes/no/unclear,
/// <c>X</c> no model, <c>R</c> recorded for staff, <c>S</c> no answer (nothing said). When the tokens run out (or at <c>!</c>) the caller hangs up.
/// </summary>
internal sealed class VoiceHarness
{
    private readonly FakeFlowSide _side = new();
    private long _recordings;

    public Dictionary<string, FlowAccount> Accounts => _side.Accounts;

    public List<ConfirmedReading> Stored => _side.Stored;

    public List<Listen> Listens { get; } = [];

    public List<long> Settled { get; } = [];

    public List<StoreForReview> ForReview { get; } = [];

    public string Reviewed => string.Join("; ", ForReview.Select(r => $"{r.Meter.MeterId}={string.Join(',', r.Values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"))}"));

    public List<string> Heard => _side.Heard;

    public Dictionary<string, string> Variables => _side.Variables;

    public bool StoreDown
    {
        get => _side.StoreDown;
        set => _side.StoreDown = value;
    }

    public long RecordingCount => _recordings;

    public string Transcript => _side.Transcript;

    public VoiceState Run(string tokens, VoiceSettings? settings = null)
    {
        settings ??= new VoiceSettings { Language = CallLanguages.Russian };
        var queue = new Queue<string>(tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var state = VoiceFlow.Initial(settings);
        FlowEvent next = new CallStarted();
        while (true)
        {
            var decision = VoiceFlow.Decide(state, next);
            state = decision.State;
            FlowEvent? answer = null;
            foreach (var command in decision.Commands)
            {
                answer = Execute(command, queue, settings.Language);
            }

            if (state.IsEnded)
            {
                return state;
            }

            next = answer ?? throw new InvalidOperationException($"No answer at {state.Step}");
        }
    }

    private FlowEvent? Execute(FlowCommand command, Queue<string> tokens, string lang)
    {
        if (_side.TryAnswer(command, lang, out var shared))
        {
            return shared;
        }

        switch (command)
        {
            case Listen listen:
                Listens.Add(listen);
                Heard.Add(PromptCatalogue.Default.Phrase(listen.Prompts, lang));
                if (!tokens.TryDequeue(out var token) || token == "!")
                {
                    return new HungUp();
                }

                if (token == "#")
                {
                    return new Interrupted(); // the server cuts the call (shutdown grace or call time limit over)
                }

                var id = ++_recordings;
                return token[0] switch
                {
                    'F' => new Heard(id, HeardKind.Figure, token[1..]),
                    '?' => new Heard(id, HeardKind.Unsure, token.Length > 1 ? token[1..] : null),
                    '_' => new Heard(id, HeardKind.Nothing),
                    'Y' => new Heard(id, HeardKind.Yes),
                    'N' => new Heard(id, HeardKind.No),
                    'U' => new Heard(id, HeardKind.Unclear),
                    'X' => new Heard(id, HeardKind.Unavailable),
                    'R' => new Heard(id, HeardKind.Recorded),
                    'S' => new Heard(id, HeardKind.Silence),
                    _ => throw new ArgumentException(token),
                };
            case StoreForReview review:
                ForReview.Add(review);
                return null;
            case SettleRecordings settle:
                Settled.AddRange(settle.RecordingIds);
                return null;
            case EndCall:
                return null;
            default:
                throw new InvalidOperationException(command.ToString());
        }
    }
}
