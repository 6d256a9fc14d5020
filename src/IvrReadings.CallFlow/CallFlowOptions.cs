using IvrReadings.Settings;

namespace IvrReadings.CallFlow;

/// <summary>
/// Configuration section <c>CallFlow</c> (env: <c>CallFlow__InputTimeoutMs=3000</c>). The organisation's window,
/// language and account length come from the <c>Organisation</c> section.
/// </summary>
public sealed class CallFlowOptions
{
    public const string Section = "CallFlow";

    /// <summary>AGI script name: <c>agi://host:4573/readings</c>.</summary>
    public string ScriptName { get; set; } = "readings";

    /// <summary>How long to wait for the first (and each next) key after a prompt; at most 3000 (no dead air).</summary>
    public int InputTimeoutMs { get; set; } = MaxInputTimeoutMs;

    /// <summary>The input timeout's range: a caller gets at least half a second, and never more than 3 s of dead air.</summary>
    public const int MinInputTimeoutMs = 500;

    public const int MaxInputTimeoutMs = 3000;

    /// <summary>Account tries, and repeats of a prompt nobody answers before the operator.</summary>
    public int MaxTries { get; set; } = 3;

    /// <summary>Times '*' may repeat one question; the next '*' goes to the operator.</summary>
    public int MaxRepeats { get; set; } = 3;

    /// <summary>Silent main menus before the caller goes to the voice flow (pulse phones); 0 = never.</summary>
    public int SilentMenusBeforeVoice { get; set; } = 2;

    /// <summary>Channel variable the dialplan routes on: operator, voice, done, closed, failed.</summary>
    public string ResultVariable { get; set; } = "IVR_RESULT";

    /// <summary>Call log entries waiting for the database at most; past it they are dropped and counted, never waited for.</summary>
    public int CallLogQueueCapacity { get; set; } = 20_000;

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(Section)
        .NotEmpty(nameof(ScriptName), ScriptName)
        .Between(nameof(InputTimeoutMs), InputTimeoutMs, MinInputTimeoutMs, MaxInputTimeoutMs)
        .AtLeast(nameof(MaxTries), MaxTries, 1)
        .AtLeast(nameof(MaxRepeats), MaxRepeats, 1)
        .AtLeast(nameof(SilentMenusBeforeVoice), SilentMenusBeforeVoice, 0)
        .NotEmpty(nameof(ResultVariable), ResultVariable)
        .AtLeast(nameof(CallLogQueueCapacity), CallLogQueueCapacity, 1)
        .List;
}
