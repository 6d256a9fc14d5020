namespace IvrReadings.AsteriskSim;

/// <summary>One thing the simulated caller does; see <see cref="CallerScript"/> for when each one takes effect.</summary>
public abstract record CallerAction
{
    private protected CallerAction() { }

    /// <summary>Keys typed at once during the next command that listens for digits.</summary>
    public sealed record Press(string Keys) : CallerAction;

    /// <summary>Keys typed while no command runs: Asterisk drops them (transcript 16).</summary>
    public sealed record PressWhileIdle(string Keys) : CallerAction;

    /// <summary>The next command that listens for digits gets none and times out.</summary>
    public sealed record StaySilent : CallerAction;

    /// <summary>The next RECORD FILE gets no audio frames at all (a phone that suppresses silence): Asterisk's silence
    /// detection never fires, the recording runs to its maximum and leaves an empty (44-byte) WAV.</summary>
    public sealed record SendNoAudio : CallerAction;

    /// <summary>Audio (8 kHz 16-bit mono PCM, no header) for the next RECORD FILE.</summary>
    public sealed record Say(Func<byte[]> Pcm) : CallerAction;

    /// <summary>The caller hangs up as soon as this action is reached (the app is idle: HANGUP comes at once).</summary>
    public sealed record HangUp : CallerAction;

    /// <summary>The caller hangs up while the next media command (playback, input, record, EXEC) runs: it returns -1.</summary>
    public sealed record HangUpDuringNextCommand : CallerAction;

    /// <summary>The caller hangs up just as the next command arrives: HANGUP is written before that command's reply.</summary>
    public sealed record HangUpAsNextCommandArrives : CallerAction;

    /// <summary>The next command that listens for digits does not return until <see cref="Release"/> completes
    /// (then the script goes on). Used to park calls (hold mode of the load generator).</summary>
    public sealed record Hold(Task Release) : CallerAction;
}
