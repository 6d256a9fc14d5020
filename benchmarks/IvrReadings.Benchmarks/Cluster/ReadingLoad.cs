using System.Diagnostics;
using System.Globalization;
using System.Net;
using IvrReadings.AsteriskSim;

namespace IvrReadings.Benchmarks.Cluster;

/// <summary>
/// Paced readings calls against one or more servers, as Asterisk with a list of FastAGI servers places them: call i
/// goes to server i mod n first and, when that server refuses the connection (AGISTATUS=FAILURE in a dialplan), to
/// the next one on the list. <see cref="Concurrency"/> callers are on the line at once; a caller whose call ends
/// (or is cut off) rings again with the next account, as a real line refills.
/// </summary>
internal sealed class ReadingLoad(IReadOnlyList<IPEndPoint> servers, IReadOnlyList<BenchAccount> accounts, int concurrency, TimeSpan ramp,
    Func<string, TimeSpan> promptDuration)
{
    private readonly object _sync = new();
    private readonly List<CallRecord> _calls = [];
    private int _next = -1;
    private int _inProgress;

    public int Concurrency => concurrency;

    /// <summary>Calls placed so far.</summary>
    public int Started => Math.Min(Volatile.Read(ref _next) + 1, accounts.Count);

    public async Task<LoadRun> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var due = ramp * worker / concurrency - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct).ConfigureAwait(false);
            }

            int index;
            while ((index = Interlocked.Increment(ref _next)) < accounts.Count && !ct.IsCancellationRequested)
            {
                await CallAsync(worker, index, ct).ConfigureAwait(false);
            }
        }, ct)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        clock.Stop();
        lock (_sync)
        {
            return new LoadRun([.. _calls], clock.Elapsed);
        }
    }

    private async Task CallAsync(int worker, int index, CancellationToken ct)
    {
        var call = new ReadingCall(accounts[index]);
        var placed = Stopwatch.GetTimestamp();
        var refused = 0;
        SimCallResult? result = null;
        var server = -1;
        Interlocked.Increment(ref _inProgress);
        try
        {
            for (var attempt = 0; attempt < servers.Count; attempt++)
            {
                server = (index + attempt) % servers.Count;
                var options = new SimCallOptions
                {
                    Script = "readings",
                    Query = "lang=ru",
                    CallerId = "79" + (100000000 + index).ToString(CultureInfo.InvariantCulture),
                    UniqueId = "1900000000." + index.ToString(CultureInfo.InvariantCulture),
                    RealTime = true,
                    RecordTranscript = false,
                    PromptDuration = promptDuration,
                    Observer = call,
                };
                result = await new SimulatedCall(options, call.Keys()).RunAsync(servers[server], ct).ConfigureAwait(false);
                if (result.EndReason != SimEndReason.ConnectionFailed || result.Commands.Count > 0)
                {
                    break;
                }

                refused++;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }

        lock (_sync)
        {
            _calls.Add(new CallRecord(worker, call, server, refused, result!, placed, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Calls on the line right now.</summary>
    public int InProgress => Volatile.Read(ref _inProgress);
}

/// <summary>One call as the generator saw it: which worker (caller) placed it, where it ended up, how it ended.</summary>
internal sealed record CallRecord(int Worker, ReadingCall Call, int Server, int Refused, SimCallResult Result, long PlacedAt, long EndedAt)
{
    /// <summary>The call ran to its end: the server hung up after the goodbye.</summary>
    public bool Completed => Result.EndReason is SimEndReason.AppClosedAfterHangup or SimEndReason.AppClosed
        && Result.Variables.TryGetValue("IVR_RESULT", out var outcome) && outcome == "done";

    /// <summary>Cut off mid-call: the server went away after answering (a reset, or a close without the goodbye).</summary>
    public bool CutOff => Result.Commands.Count > 0 && !Completed;
}

internal sealed record LoadRun(IReadOnlyList<CallRecord> Calls, TimeSpan Elapsed);
