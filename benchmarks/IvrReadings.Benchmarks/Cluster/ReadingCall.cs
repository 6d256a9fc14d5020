using System.Diagnostics;
using IvrReadings.AsteriskSim;

namespace IvrReadings.Benchmarks.Cluster;

/// <summary>
/// One caller of the cluster bench: keys an account of two meters (electricity, then cold water), confirms each
/// reading, listening to every prompt to its end (prompts take their real length). Watches the wire: the time from the
/// caller's "1" (confirm) to the server's "accepted" is the commit as the caller waits for it. The last meter's
/// "accepted" is the summary, which names it (the flow goes there at once once every meter is read).
/// </summary>
internal sealed class ReadingCall : ISimCallObserver
{
    private const string Accepted = "ivr-readings/reading-accepted";
    private const string Summary = "ivr-readings/summary-intro";
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _lastReply;

    public ReadingCall(BenchAccount account) => Account = account;

    public BenchAccount Account { get; }

    /// <summary>The readings the caller heard "accepted" for, in call order (the first is the electricity meter's).</summary>
    public List<long> HeardAccepted { get; } = new(2);

    /// <summary>Confirm key sent → "accepted" command received, Stopwatch ticks.</summary>
    public List<long> ConfirmToAccepted { get; } = new(2);

    /// <summary>When the first command arrived (the server answered), or 0.</summary>
    public long FirstCommandAt { get; private set; }

    public CallerScript Keys() => CallerScript.Create()
        .Hold(Task.CompletedTask).Press("2")
        .Hold(Task.CompletedTask).Press(Account.Number + "#")
        .Hold(Task.CompletedTask).Press("1")
        .Hold(Task.CompletedTask).Press("1")
        .Hold(Task.CompletedTask).Press(Account.Electricity + "#")
        .Hold(Task.CompletedTask).Press("1")
        .Hold(Task.CompletedTask).Press(Account.Water + "#") // the one meter left is asked at once, by name
        .Hold(Task.CompletedTask).Press("1");

    public void OnReply(SimulatedCall call, string line) => _lastReply = Stopwatch.GetTimestamp();

    public void OnCommand(SimulatedCall call, string line)
    {
        var now = Stopwatch.GetTimestamp();
        if (FirstCommandAt == 0)
        {
            FirstCommandAt = now;
        }

        if (line.StartsWith("STREAM FILE " + Accepted + " ", StringComparison.Ordinal)
            || (HeardAccepted.Count == 1 && line.StartsWith("STREAM FILE " + Summary + " ", StringComparison.Ordinal)))
        {
            ConfirmToAccepted.Add(now - _lastReply);
            HeardAccepted.Add(HeardAccepted.Count == 0 ? Account.Electricity : Account.Water);
        }
    }

    public TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(_start, timestamp);
}

/// <summary>An account of the bench: one electricity and one cold-water meter, and the readings its caller keys.</summary>
internal sealed record BenchAccount(string Number, long Electricity, long Water)
{
    public string ElectricitySerial => "E-" + Number;

    public string WaterSerial => "CW-" + Number;
}
