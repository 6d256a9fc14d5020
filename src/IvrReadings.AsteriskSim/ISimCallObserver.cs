namespace IvrReadings.AsteriskSim;

/// <summary>Hooks called as the simulated call runs, e.g. so the phone simulator can print prompts as they play.
/// Called on the call's own task; keep them quick.</summary>
public interface ISimCallObserver
{
    /// <summary>The TCP connection to the app is established (nothing written yet).</summary>
    void OnConnected(SimulatedCall call) { }

    /// <summary>The whole environment block, blank line included, is written: from here on the app has all it needs.</summary>
    void OnEnvironmentSent(SimulatedCall call) { }

    /// <summary>A command line arrived from the app (exactly as sent, CR included).</summary>
    void OnCommand(SimulatedCall call, string line) { }

    /// <summary>A reply (or the HANGUP line) was written to the app.</summary>
    void OnReply(SimulatedCall call, string line) { }

    /// <summary>A prompt starts playing to the caller.</summary>
    void OnPlay(SimulatedCall call, string file, TimeSpan duration) { }

    /// <summary>The call ended (hung up, or the app closed the socket).</summary>
    void OnEnded(SimulatedCall call, SimCallResult result) { }
}
