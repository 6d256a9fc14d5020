namespace IvrReadings.AsteriskSim;

/// <summary>How the fake Asterisk presents one call: the environment block and the channel's behaviour.</summary>
public sealed class SimCallOptions
{
    private static long _sequence;

    public SimCallOptions()
    {
        var n = Interlocked.Increment(ref _sequence);
        UniqueId = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{n}";
        Channel = $"Local/sim@ivr-{n:x8};2";
    }

    /// <summary>Script path of <c>agi://host:port/script?query</c>.</summary>
    public string Script { get; set; } = "readings";

    /// <summary>Raw query string (without '?'), sent as is like Asterisk does; null for none.</summary>
    public string? Query { get; set; }

    public IList<string> Arguments { get; set; } = new List<string>();

    public string CallerId { get; set; } = "79161234567";

    public string CallerIdName { get; set; } = "Ivan Petrov";

    /// <summary>Channel language (<c>agi_language</c>, <c>CHANNEL(language)</c>).</summary>
    public string Language { get; set; } = "en";

    public string UniqueId { get; set; }

    public string Channel { get; set; }

    public string Context { get; set; } = "ivr";

    public string Extension { get; set; } = "s";

    /// <summary>Extra or replaced <c>agi_*</c> variables, written after the standard ones (before agi_arg_N).</summary>
    public IDictionary<string, string> ExtraEnvironment { get; set; } = new Dictionary<string, string>();

    /// <summary>Channel variables set before the AGI starts (readable with GET VARIABLE).</summary>
    public IDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();

    /// <summary><c>AGISIGHUP</c>: false = no HANGUP line at all, only -1 results and 511 (transcript 31).</summary>
    public bool AgiSigHup { get; set; } = true;

    /// <summary><c>AGIEXITONHANGUP=yes</c>: on hang-up send <c>HANGUP\nHANGUP\n</c> and close the socket (32, 34).</summary>
    public bool AgiExitOnHangup { get; set; }

    /// <summary>Delay between the end of a command and the HANGUP line (40 ms on a real Asterisk).</summary>
    public TimeSpan HangupLineDelay { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Delay between the <c>520-</c> line and the usage text (40 ms on a real Asterisk).</summary>
    public TimeSpan UsageTextDelay { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// When set, the usage text is written once this completes, after <see cref="UsageTextDelay"/>: the reader holds the
    /// second write back until it has seen the first alone, which no clock on a loaded machine can promise.
    /// </summary>
    public Task? UsageTextHeldUntil { get; set; }

    /// <summary>Pause between environment lines (each line is its own write anyway); >0 forces separate TCP reads.</summary>
    public TimeSpan EnvironmentLineDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// TCP_NODELAY on the fake Asterisk's socket. Off by default, as on Asterisk's: each environment line is its own
    /// write, yet the kernel coalesces the lines written while the first is unacknowledged, so the block reaches the app
    /// in a few segments (the transcripts: 2 in most calls, 7 at most). On, every line is a segment of its own.
    /// </summary>
    public bool NoDelay { get; set; }

    /// <summary>Whether a prompt exists (missing ones give <c>result=-1 endpos=0</c>). Default: all exist except
    /// names containing <c>no-such</c>.</summary>
    public Func<string, bool> PromptExists { get; set; } = file => !file.Contains("no-such", StringComparison.Ordinal);

    /// <summary>How long a prompt lasts; sets <c>endpos</c>, and the real delay in <see cref="RealTime"/> mode.</summary>
    public Func<string, TimeSpan> PromptDuration { get; set; } = file =>
        file.StartsWith("digits/", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(600) : TimeSpan.FromSeconds(2);

    /// <summary>Sleep for prompt durations and input timeouts like a real call. Off: everything is instant (virtual time).</summary>
    public bool RealTime { get; set; }

    /// <summary>Where relative RECORD FILE paths land (Asterisk: its sounds directory).</summary>
    public string SoundsDirectory { get; set; } = Path.GetTempPath();

    public ISimCallObserver? Observer { get; set; }

    /// <summary>Keep a wire transcript (turn off in the load generator to save memory).</summary>
    public bool RecordTranscript { get; set; } = true;
}
