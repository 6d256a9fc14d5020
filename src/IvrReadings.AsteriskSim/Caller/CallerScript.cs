using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>What the simulated caller will do, as a queue of actions consumed in order.</summary>
/// <remarks>
/// The rules, kept simple on purpose:
/// <list type="bullet">
/// <item>A command "listens" for digits if it is GET DATA, WAIT FOR DIGIT, RECORD FILE, GET OPTION, or a
/// STREAM FILE / SAY with non-empty escape digits. Only listening commands take a <see cref="Press"/> burst; the burst
/// stays queued until one runs.</item>
/// <item>A listening command first uses keys typed ahead (left over by an earlier command). Only when there are none
/// does it take the next burst from the queue (at most one burst per command). Keys it does not use carry over to the
/// next listening command. Playback and SAY drop keys that are not escape digits, as Asterisk does.</item>
/// <item><see cref="PressWhileIdle"/> keys are lost, like keys pressed while no AGI command runs in Asterisk.</item>
/// <item>When the queue is empty or its head is <see cref="StaySilent"/>, a command that waits for input (GET DATA,
/// WAIT FOR DIGIT, GET OPTION, RECORD FILE) times out; a barge-in prompt just plays to its end.</item>
/// <item>RECORD FILE takes a <see cref="Say"/> at the head of the queue as the caller's speech; what follows it decides
/// how the recording ends: a burst starting with an escape digit (dtmf), a hang-up (hangup), else silence (s=N) or the
/// maximum length (timeout).</item>
/// <item><see cref="HangUp"/> takes effect as soon as it reaches the head of the queue, while the app is idle.</item>
/// </list>
/// </remarks>
public sealed class CallerScript
{
    private readonly Queue<CallerAction> _actions = new();

    public static CallerScript Create() => new();

    internal Queue<CallerAction> Actions => _actions;

    public CallerScript Then(CallerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _actions.Enqueue(action);
        return this;
    }

    /// <summary>Types <paramref name="keys"/> (0-9, *, #, A-D) at once during the next listening command.</summary>
    public CallerScript Press(string keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(keys);
        return Then(new CallerAction.Press(keys));
    }

    public CallerScript PressWhileIdle(string keys) => Then(new CallerAction.PressWhileIdle(keys));

    public CallerScript StaySilent() => Then(new CallerAction.StaySilent());

    public CallerScript SendNoAudio() => Then(new CallerAction.SendNoAudio());

    public CallerScript Say(byte[] pcm) => Then(new CallerAction.Say(() => pcm));

    /// <summary>Speaks a file: a WAV (its data chunk is used) or raw 8 kHz 16-bit mono PCM.</summary>
    public CallerScript SayFile(string path) => Then(new CallerAction.Say(() => WavFile.ReadPcm(path)));

    /// <summary>Speaks <paramref name="seconds"/> of a 440 Hz tone (stands in for speech).</summary>
    public CallerScript SayTone(double seconds) => Then(new CallerAction.Say(() => WavFile.Tone(seconds)));

    public CallerScript HangUp() => Then(new CallerAction.HangUp());

    public CallerScript HangUpDuringNextCommand() => Then(new CallerAction.HangUpDuringNextCommand());

    public CallerScript HangUpAsNextCommandArrives() => Then(new CallerAction.HangUpAsNextCommandArrives());

    public CallerScript Hold(Task release) => Then(new CallerAction.Hold(release));

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var action in _actions)
        {
            text.Append(action).Append("; ");
        }

        return text.ToString();
    }
}
