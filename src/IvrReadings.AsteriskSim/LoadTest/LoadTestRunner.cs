using System.Diagnostics;
using System.Globalization;
using IvrReadings.FastAgi;

namespace IvrReadings.AsteriskSim;

/// <summary>Load generator: many fake Asterisk channels calling a FastAGI server at once, each checking that it got
/// exactly the bench call (<see cref="BenchScriptHandler"/>) with its own digits.</summary>
public static class LoadTestRunner
{
    private const int MaxFailureSamples = 5;

    public static async Task<LoadTestReport> RunAsync(LoadTestOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new RunState(options);

        // Hold calls first: parked in WAIT FOR DIGIT -1 until the scripted calls are done.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parked = new CountdownEvent(options.HoldCalls);
        var holds = new List<Task>(options.HoldCalls);
        for (var i = 0; i < options.HoldCalls; i++)
        {
            holds.Add(RunHoldCallAsync(state, i, release.Task, parked, ct));
        }

        if (options.HoldCalls > 0)
        {
            await Task.Run(() => parked.Wait(ct), ct).ConfigureAwait(false);
            if (options.OnHoldEstablished is not null)
            {
                await options.OnHoldEstablished(ct).ConfigureAwait(false);
            }
        }

        var clock = Stopwatch.StartNew();
        var next = -1;
        var concurrency = Math.Max(1, options.Concurrency);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            if (options.Ramp > TimeSpan.Zero)
            {
                // Due times from the run's start, not sleeps in a row: a late timer does not push the later callers back.
                var due = options.Ramp * worker / concurrency - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, ct).ConfigureAwait(false);
                }
            }

            int index;
            while ((index = Interlocked.Increment(ref next)) < options.Calls && !ct.IsCancellationRequested)
            {
                await RunScriptedCallAsync(state, index, ct).ConfigureAwait(false);
            }
        }, ct)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        clock.Stop();

        release.TrySetResult();
        await Task.WhenAll(holds).ConfigureAwait(false);
        parked.Dispose();
        return state.Report(clock.Elapsed);
    }

    private static async Task RunScriptedCallAsync(RunState state, int index, CancellationToken ct)
    {
        var digits = (100000 + (index % 900000)).ToString(CultureInfo.InvariantCulture);
        var timing = new Timing();
        var options = new SimCallOptions
        {
            Script = state.Options.Script,
            UniqueId = "1800000000." + index.ToString(CultureInfo.InvariantCulture),
            Extension = "bench",
            RecordTranscript = false,
            RealTime = state.Options.RealTime,
            Observer = timing,
        };
        SimCallResult result;
        state.CallStarted();
        try
        {
            result = await new SimulatedCall(options, CallerScript.Create().Press(digits + "#")).RunAsync(state.Options.Target, ct).ConfigureAwait(false);
        }
        finally
        {
            state.CallEnded();
        }

        state.Record(result, BenchScriptHandler.ExpectedCommands(digits), timing);
    }

    private static async Task RunHoldCallAsync(RunState state, int index, Task release, CountdownEvent parked, CancellationToken ct)
    {
        var signal = new ParkSignal(parked);
        var options = new SimCallOptions
        {
            Script = state.Options.HoldScript,
            UniqueId = "1900000000." + index.ToString(CultureInfo.InvariantCulture),
            RecordTranscript = false,
            Observer = signal,
        };
        var result = await new SimulatedCall(options, CallerScript.Create().Hold(release).Press("1")).RunAsync(state.Options.Target, ct).ConfigureAwait(false);
        signal.EnsureSignalled();
        state.RecordHold(result);
    }

    private static bool SameSequence(IReadOnlyList<string> actual, IReadOnlyList<string> expected, bool exact)
    {
        if (actual.Count != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (exact ? actual[i] != expected[i] : !AgiArgumentSplitter.Split(actual[i]).SequenceEqual(AgiArgumentSplitter.Split(expected[i])))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class RunState(LoadTestOptions options)
    {
        private readonly object _sync = new();
        private readonly List<long> _roundTrips = [];
        private readonly List<long> _firstCommands = [];
        private readonly List<long> _connects = [];
        private readonly List<long> _environmentToFirstCommands = [];
        private readonly List<string> _failures = [];
        private int _completed, _failedConnects, _wrong, _other, _held, _holdFailures;
        private int _inProgress, _peakInProgress;

        public LoadTestOptions Options => options;

        /// <summary>A scripted call starts: counts towards the peak of calls in progress at once.</summary>
        public void CallStarted()
        {
            lock (_sync)
            {
                _peakInProgress = Math.Max(_peakInProgress, ++_inProgress);
            }
        }

        public void CallEnded()
        {
            lock (_sync)
            {
                _inProgress--;
            }
        }

        public void Record(SimCallResult result, IReadOnlyList<string> expected, Timing timing)
        {
            lock (_sync)
            {
                _roundTrips.AddRange(timing.RoundTrips);
                if (timing.FirstCommand > 0)
                {
                    _firstCommands.Add(timing.FirstCommand);
                    _connects.Add(timing.Connect);
                    _environmentToFirstCommands.Add(timing.EnvironmentToFirstCommand);
                }

                if (result.EndReason == SimEndReason.ConnectionFailed && result.Commands.Count == 0)
                {
                    _failedConnects++;
                    Sample($"connect failed: {result.Error?.Message}");
                }
                else if (result.EndReason is SimEndReason.ConnectionFailed or SimEndReason.Cancelled)
                {
                    _other++;
                    Sample($"{result.EndReason} after {result.Commands.Count} commands: {result.Error?.Message}");
                }
                else if (!SameSequence(result.Commands, expected, options.ExactSequence))
                {
                    _wrong++;
                    Sample("wrong sequence: " + string.Join(" | ", result.Commands));
                }
                else
                {
                    _completed++;
                }
            }
        }

        public void RecordHold(SimCallResult result)
        {
            lock (_sync)
            {
                if (SameSequence(result.Commands, BenchHoldScriptHandler.ExpectedCommands, options.ExactSequence))
                {
                    _held++;
                }
                else
                {
                    _holdFailures++;
                    Sample($"hold call {result.EndReason}: " + string.Join(" | ", result.Commands));
                }
            }
        }

        private void Sample(string text)
        {
            if (_failures.Count < MaxFailureSamples)
            {
                _failures.Add(text);
            }
        }

        public LoadTestReport Report(TimeSpan elapsed)
        {
            lock (_sync)
            {
                _roundTrips.Sort();
                _firstCommands.Sort();
                _connects.Sort();
                _environmentToFirstCommands.Sort();
                return new LoadTestReport
                {
                    Calls = options.Calls,
                    Completed = _completed,
                    FailedConnects = _failedConnects,
                    WrongSequences = _wrong,
                    OtherFailures = _other,
                    HeldCalls = _held,
                    HoldFailures = _holdFailures,
                    Elapsed = elapsed,
                    PeakInProgress = _peakInProgress,
                    CommandRoundTripP50 = Percentile(_roundTrips, 0.50),
                    CommandRoundTripP99 = Percentile(_roundTrips, 0.99),
                    TimeToFirstCommandP99 = Percentile(_firstCommands, 0.99),
                    ConnectP99 = Percentile(_connects, 0.99),
                    EnvironmentToFirstCommandP99 = Percentile(_environmentToFirstCommands, 0.99),
                    FailureSamples = [.. _failures],
                };
            }
        }

        private static TimeSpan Percentile(List<long> sorted, double p) =>
            sorted.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))]);
    }

    /// <summary>Times the server from the fake Asterisk's side: reply written → next command read.</summary>
    private sealed class Timing : ISimCallObserver
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _lastReply;
        private long _environmentSent;

        public List<long> RoundTrips { get; } = new(8);

        public long FirstCommand { get; private set; }

        public long Connect { get; private set; }

        public long EnvironmentToFirstCommand { get; private set; }

        public void OnConnected(SimulatedCall call) => Connect = Stopwatch.GetTimestamp() - _start;

        public void OnEnvironmentSent(SimulatedCall call) => _environmentSent = Stopwatch.GetTimestamp();

        public void OnReply(SimulatedCall call, string line) => _lastReply = Stopwatch.GetTimestamp();

        public void OnCommand(SimulatedCall call, string line)
        {
            var now = Stopwatch.GetTimestamp();
            if (FirstCommand == 0)
            {
                FirstCommand = now - _start;
                EnvironmentToFirstCommand = now - _environmentSent;
            }
            else
            {
                RoundTrips.Add(now - _lastReply);
            }
        }
    }

    /// <summary>Counts a hold call as parked when its WAIT FOR DIGIT arrives (or when it ends early, so the run
    /// does not wait forever for a call that failed).</summary>
    private sealed class ParkSignal(CountdownEvent parked) : ISimCallObserver
    {
        private int _signalled;

        public void OnCommand(SimulatedCall call, string line)
        {
            if (line.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal))
            {
                EnsureSignalled();
            }
        }

        public void EnsureSignalled()
        {
            if (Interlocked.Exchange(ref _signalled, 1) == 0)
            {
                parked.Signal();
            }
        }
    }
}
