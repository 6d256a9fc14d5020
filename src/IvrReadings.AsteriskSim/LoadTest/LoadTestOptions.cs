using System.Net;

namespace IvrReadings.AsteriskSim;

/// <summary>What the load generator does: <see cref="Calls"/> scripted calls over <see cref="Concurrency"/>
/// connections at a time, optionally with <see cref="HoldCalls"/> calls parked the whole time.</summary>
public sealed class LoadTestOptions
{
    /// <summary>The FastAGI server to call.</summary>
    public EndPoint Target { get; set; } = new IPEndPoint(IPAddress.Loopback, 4573);

    /// <summary>Scripted calls to make (script <see cref="Script"/>: the bench call).</summary>
    public int Calls { get; set; } = 10_000;

    /// <summary>Calls in progress at once.</summary>
    public int Concurrency { get; set; } = 100;

    /// <summary>
    /// The first <see cref="Concurrency"/> calls start spread evenly over this time; zero starts them all in the same
    /// instant. A real line reaches 1,000 calls in progress through callers ringing over seconds, not 1,000 connects in
    /// one millisecond: ramped, the figures are the steady state's; unramped, they are the opening burst's.
    /// </summary>
    public TimeSpan Ramp { get; set; }

    public string Script { get; set; } = "bench";

    /// <summary>Calls parked in WAIT FOR DIGIT (script <see cref="HoldScript"/>) while the scripted calls run.</summary>
    public int HoldCalls { get; set; }

    public string HoldScript { get; set; } = "bench-hold";

    /// <summary>Compare the command sequence exactly (true) or by arguments, ignoring quoting (false; for other
    /// servers that quote differently).</summary>
    public bool ExactSequence { get; set; } = true;

    /// <summary>Play prompts in real time (slow); off = virtual time, measuring the server alone.</summary>
    public bool RealTime { get; set; }

    /// <summary>Called once all hold calls are parked, before the scripted calls start (e.g. to sample the server's
    /// memory).</summary>
    public Func<CancellationToken, Task>? OnHoldEstablished { get; set; }
}
