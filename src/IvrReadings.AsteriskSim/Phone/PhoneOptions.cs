namespace IvrReadings.AsteriskSim.Phone;

/// <summary>Options of <c>ivr-readings phone</c>.</summary>
public sealed class PhoneOptions
{
    /// <summary>The FastAGI server, <c>host:port</c>.</summary>
    public string Server { get; set; } = "127.0.0.1:4573";

    /// <summary>AGI script: <c>readings</c> (touch-tone) or <c>voice</c>.</summary>
    public string Script { get; set; } = "readings";

    /// <summary>Sent as <c>?lang=</c> in the AGI URL (ru, uk, en); null: none (the server picks).</summary>
    public string? Language { get; set; }

    /// <summary>
    /// The channel language Asterisk reports (<c>agi_language</c>). Empty (default): as if the dialplan had not set
    /// one the server recognises, so the server speaks the organisation's language.
    /// </summary>
    public string ChannelLanguage { get; set; } = "";

    public string CallerId { get; set; } = "79161234567";

    /// <summary>
    /// Key bursts separated by spaces, each typed when the robot waits for input: <c>"2 1234567# 1 1 6116# 1 2"</c>;
    /// <c>-</c> = stay silent once, <c>!</c> = hang up. Null: keys are read from the keyboard.
    /// </summary>
    public string? Keys { get; set; }

    /// <summary>Take as long as a real call (prompt durations from the WAVs, real input timeouts).</summary>
    public bool RealTime { get; set; }

    /// <summary>The prompts folder (<c>sounds/</c> of the checkout), for the prompts' real durations; relative to the
    /// working directory. Without it every prompt counts as one second.</summary>
    public string SoundsDirectory { get; set; } = "sounds";
}
