namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>
/// A simulated caller: which number they ring (the readings line or the voice line), their caller id, and what they
/// do, step by step. Read it as a sentence:
/// <c>Caller.Readings("79990001234").Keys("2", "1234567#", "1").HangsUp()</c>.
/// </summary>
public sealed class Caller
{
    private readonly List<string> _steps = [];

    private Caller(string callerNumber, bool voiceLine)
    {
        if (callerNumber.Length == 0 || !callerNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A caller number is digits only.", nameof(callerNumber));
        }

        CallerNumber = callerNumber;
        VoiceLine = voiceLine;
    }

    public string CallerNumber { get; }

    /// <summary>Rings the voice line (<c>ivr-readings-voice</c>) instead of the touch-tone line (<c>ivr-readings</c>).</summary>
    public bool VoiceLine { get; }

    /// <summary>The longest the call may last before the test fails and hangs it up.</summary>
    public TimeSpan Limit { get; private set; } = TimeSpan.FromMinutes(3);

    /// <summary>Errors, missing prompts or applications in the call's Asterisk log fail the call (unless allowed).</summary>
    public bool AsteriskProblemsAllowed { get; private set; }

    /// <summary>The steps as the caller dialplan runs them ("key:2", ...).</summary>
    public IReadOnlyList<string> Steps => _steps;

    /// <summary>A call to the touch-tone readings line.</summary>
    public static Caller Readings(string callerNumber) => new(callerNumber, voiceLine: false);

    /// <summary>A call to the voice line (the number for rotary phones).</summary>
    public static Caller Voice(string callerNumber) => new(callerNumber, voiceLine: true);

    /// <summary>
    /// Each input once the robot has been quiet for 1.2 s, as a first-time caller who listens to every prompt to its end
    /// ("2", "1234567#", ...); 100 ms tones 250 ms apart, the last one sent on its own (the caller listens again at once).
    /// </summary>
    public Caller Keys(params string[] inputs) => AddAll("key", inputs, ValidateKeys);

    /// <summary>The keys at once, over whatever the robot is saying (typing ahead).</summary>
    public Caller TypesAhead(string keys) => Add("typ", ValidateKeys(keys));

    /// <summary>
    /// Speaks after the beep: each argument is one answer, a list of core sound files joined with '&amp;'
    /// ("digits/1&amp;digits/2"), said once the robot has been quiet 0.8 s and followed by 4 s of silence.
    /// </summary>
    public Caller Says(params string[] answers) => AddAll("say", answers, a => a);

    /// <summary>
    /// Speaks one answer as <see cref="Says"/> does, then plays nothing: a Local channel that stops playing sends no frames
    /// at all (a phone that suppresses silence), so no frame carries the silence that ends the answer.
    /// </summary>
    public Caller SaysThenSendsNothing(string answer) => Add("sno", answer);

    /// <summary>Waits until the robot has been quiet for the given time.</summary>
    public Caller WaitsForQuiet(TimeSpan quiet) => Add("qui", ((int)quiet.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits until the robot speaks (the caller is then in the middle of a prompt).</summary>
    public Caller WaitsForRobot() => Add("hea", "");

    /// <summary>Stays on the line without a key or a sound.</summary>
    public Caller StaysSilent(TimeSpan time) => Add("wai", ((int)Math.Ceiling(time.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Hangs up (after the steps before it).</summary>
    public Caller HangsUp() => Add("hup", "");

    public Caller WithinAtMost(TimeSpan limit)
    {
        Limit = limit;
        return this;
    }

    /// <summary>For a scenario that provokes Asterisk errors on purpose: do not fail the call on them.</summary>
    public Caller AllowingAsteriskProblems()
    {
        AsteriskProblemsAllowed = true;
        return this;
    }

    public override string ToString() => $"{(VoiceLine ? "voice" : "readings")} line from {CallerNumber}: {string.Join(' ', _steps)}";

    private Caller AddAll(string step, string[] arguments, Func<string, string> validate)
    {
        foreach (var argument in arguments)
        {
            Add(step, validate(argument));
        }

        return this;
    }

    private Caller Add(string step, string argument)
    {
        // The caller dialplan passes the argument to Gosub: no commas, no spaces, no quotes.
        if (argument.IndexOfAny([',', ' ', '"', ')', '(', ';']) >= 0)
        {
            throw new ArgumentException($"'{argument}' cannot be passed to the caller dialplan.", nameof(argument));
        }

        _steps.Add($"{step}:{argument}");
        return this;
    }

    private static string ValidateKeys(string keys) => keys.Length > 0 && keys.All(c => char.IsAsciiDigit(c) || c is '#' or '*')
        ? keys
        : throw new ArgumentException($"'{keys}' is not a key sequence (0-9, *, #).", nameof(keys));
}
