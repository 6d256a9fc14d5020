using System.Globalization;
using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>The outcome of one load test run.</summary>
public sealed class LoadTestReport
{
    public required int Calls { get; init; }

    public required int Completed { get; init; }

    public required int FailedConnects { get; init; }

    public required int WrongSequences { get; init; }

    /// <summary>Calls that broke for another reason (connection reset mid-call, ...).</summary>
    public required int OtherFailures { get; init; }

    public required int HeldCalls { get; init; }

    public required int HoldFailures { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The most scripted calls in progress at the same moment (hold calls not counted).</summary>
    public required int PeakInProgress { get; init; }

    public double CallsPerSecond => Elapsed.TotalSeconds > 0 ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>From a reply written by the fake Asterisk to the next command arriving: the server's turnaround.</summary>
    public required TimeSpan CommandRoundTripP50 { get; init; }

    public required TimeSpan CommandRoundTripP99 { get; init; }

    /// <summary>From starting to connect to the first command arriving (accept, environment block, routing).</summary>
    public required TimeSpan TimeToFirstCommandP99 { get; init; }

    /// <summary>Of that, from starting to connect to the connection being established (the kernel's handshake and accept
    /// queue, and the load generator getting round to it).</summary>
    public required TimeSpan ConnectP99 { get; init; }

    /// <summary>From the environment block's last line written to the first command read: the server's work (reading the
    /// block, routing, the handler's first command) plus the generator's own delay in reading the command, which on cores
    /// shared with the server can be most of it; the server's part alone is <c>ivr_fastagi_call_setup_seconds</c>.</summary>
    public required TimeSpan EnvironmentToFirstCommandP99 { get; init; }

    /// <summary>A few examples of what went wrong, for the log.</summary>
    public required IReadOnlyList<string> FailureSamples { get; init; }

    public bool Passed => FailedConnects == 0 && WrongSequences == 0 && OtherFailures == 0 && HoldFailures == 0 && Completed == Calls;

    public override string ToString()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"calls            {Completed}/{Calls} completed in {Elapsed.TotalSeconds:0.00} s ({CallsPerSecond:0} calls/s), at most {PeakInProgress} in progress at once");
        text.AppendLine(c, $"held calls       {HeldCalls} (failures {HoldFailures})");
        text.AppendLine(c, $"command RTT      p50 {CommandRoundTripP50.TotalMilliseconds:0.000} ms, p99 {CommandRoundTripP99.TotalMilliseconds:0.000} ms");
        text.AppendLine(c, $"first command    p99 {TimeToFirstCommandP99.TotalMilliseconds:0.000} ms (connect p99 {ConnectP99.TotalMilliseconds:0.000} ms; environment sent -> first command p99 {EnvironmentToFirstCommandP99.TotalMilliseconds:0.000} ms)");
        text.AppendLine(c, $"failed connects  {FailedConnects}");
        text.AppendLine(c, $"wrong sequences  {WrongSequences}");
        text.AppendLine(c, $"other failures   {OtherFailures}");
        foreach (var sample in FailureSamples)
        {
            text.AppendLine(c, $"  e.g. {sample}");
        }

        text.Append(Passed ? "PASS" : "FAIL");
        return text.ToString();
    }
}
