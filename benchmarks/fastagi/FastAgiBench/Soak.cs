using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IvrReadings.AsteriskSim;

namespace FastAgiBench;

/// <summary>
/// The soak: many FastAGI sessions against one server process, about half of them normal bench calls (their command
/// sequence checked) and half hostile: environment blocks and replies taken from the fuzz seeds (real Asterisk
/// transcripts) and mutated, garbage, truncated blocks, unfinished 520 blocks, resets mid-call, connections that close
/// at once. The server's memory (<see cref="ServerSample"/>) and open descriptors are sampled through a warm-up, after
/// it, and after each tenth of the sessions; a normal call must still pass at the end.
/// </summary>
internal static class Soak
{
    public static async Task<int> RunAsync(IPEndPoint target, int sessions, int warmup, int concurrency, string corpus, int serverPid, string? database, int seed)
    {
        var seeds = new SeedInputs(corpus);
        Console.WriteLine($"soak: {sessions} sessions after {warmup} warm-up, {concurrency} at a time, seeds from {corpus}");

        // The warm-up is the same mix in rounds, each sampled: every path the sessions take (both scripts, each hostile
        // kind, the call log's batches) runs thousands of times, so the JIT has compiled and tiered up what they use and
        // the caches have filled before "before"; the rounds show it settling.
        const int WarmupRounds = 6;
        for (var round = 0; round < WarmupRounds; round++)
        {
            await RunMixAsync(target, warmup / WarmupRounds + (round < warmup % WarmupRounds ? 1 : 0), concurrency, seeds, seed - 1 - round);
            Console.WriteLine($"warm-up {round + 1}/{WarmupRounds}: {await ServerSample.TakeAsync(serverPid, database)}");
        }

        var before = await ServerSample.TakeAsync(serverPid, database);
        Console.WriteLine($"before: {before}");

        // In rounds, so a leak (growth round after round) can be told from a plateau (growth that stops).
        const int Rounds = 10;
        var normal = new NormalCounts();
        var fuzzed = new FuzzCounts();
        var samples = new List<ServerSample>();
        for (var round = 0; round < Rounds; round++)
        {
            var size = sessions / Rounds + (round < sessions % Rounds ? 1 : 0);
            var (n, f) = await RunMixAsync(target, size, concurrency, seeds, seed + 1 + round);
            normal.Add(n);
            fuzzed.Add(f);
            samples.Add(await ServerSample.TakeAsync(serverPid, database));
            Console.WriteLine($"round {round + 1}/{Rounds}: {normal.Calls + fuzzed.Sessions} sessions, {samples[^1]}");
        }

        var after = samples[^1];
        var half = samples[Rounds / 2 - 1];
        Console.WriteLine($"after:  {after}");

        var last = await LoadTestRunner.RunAsync(new LoadTestOptions { Target = target, Calls = 20, Concurrency = 2 });
        static double Change(long from, long to) => from == 0 ? 0 : (to - from) * 100.0 / from;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SOAK sessions={normal.Calls + fuzzed.Sessions} warmup={warmup} normal={normal.Calls} normal_passed={normal.Completed} wrong_sequences={normal.WrongSequences} " +
            $"failed_connects={normal.FailedConnects + fuzzed.FailedConnects} other_failures={normal.OtherFailures} fuzzed={fuzzed.Sessions} " +
            $"fuzzed_closed_by_server={fuzzed.ClosedByServer} rss_before_kb={before.RssKb} rss_after_kb={after.RssKb} rss_change_pct={Change(before.RssKb, after.RssKb):F1} " +
            $"rss_second_half_change_pct={Change(half.RssKb, after.RssKb):F1} rss_per_round_kb={string.Join(',', samples.Select(x => x.RssKb))} " +
            $"anon_before_kb={before.AnonKb} anon_after_kb={after.AnonKb} jit_before_kb={before.JitKb} jit_after_kb={after.JitKb} " +
            $"db_before_kb={before.DatabaseKb} db_after_kb={after.DatabaseKb} " +
            $"fds_before={before.Descriptors} fds_after={after.Descriptors} fds_change={after.Descriptors - before.Descriptors} last_normal_calls_passed={last.Passed}"));
        return normal.Passed && last.Passed && fuzzed.FailedConnects == 0 ? 0 : 1;
    }

    private static async Task<(LoadTestReport Normal, FuzzCounts Fuzzed)> RunMixAsync(IPEndPoint target, int sessions, int concurrency, SeedInputs seeds, int seed)
    {
        var normalCalls = sessions / 2;
        var half = Math.Max(1, concurrency / 2);
        var normal = LoadTestRunner.RunAsync(new LoadTestOptions { Target = target, Calls = normalCalls, Concurrency = half });
        var fuzzed = FuzzSessionsAsync(target, sessions - normalCalls, half, seeds, seed);
        return (await normal, await fuzzed);
    }

    private sealed class NormalCounts
    {
        public int Calls;
        public int Completed;
        public int WrongSequences;
        public int FailedConnects;
        public int OtherFailures;
        public bool Passed = true;

        public void Add(LoadTestReport report)
        {
            Calls += report.Calls;
            Completed += report.Completed;
            WrongSequences += report.WrongSequences;
            FailedConnects += report.FailedConnects;
            OtherFailures += report.OtherFailures;
            Passed &= report.Passed;
        }
    }

    private sealed class FuzzCounts
    {
        public int Sessions;
        public int FailedConnects;
        public int ClosedByServer;

        public void Add(FuzzCounts other)
        {
            Sessions += other.Sessions;
            FailedConnects += other.FailedConnects;
            ClosedByServer += other.ClosedByServer;
        }
    }

    private static async Task<FuzzCounts> FuzzSessionsAsync(IPEndPoint target, int sessions, int concurrency, SeedInputs seeds, int seed)
    {
        var counts = new FuzzCounts();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sessions)
            {
                var random = new Random(HashCode.Combine(seed, i));
                try
                {
                    if (await FuzzSessionAsync(target, seeds, random))
                    {
                        Interlocked.Increment(ref counts.ClosedByServer);
                    }
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.TimedOut)
                {
                    Interlocked.Increment(ref counts.FailedConnects);
                }
                catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
                {
                    // The server reset or the session's own deadline passed: both are outcomes, not failures.
                }

                Interlocked.Increment(ref counts.Sessions);
            }
        });
        await Task.WhenAll(workers);
        return counts;
    }

    /// <returns>true when the server closed the connection before the session gave up on it.</returns>
    private static async Task<bool> FuzzSessionAsync(IPEndPoint target, SeedInputs seeds, Random random)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target, deadline.Token);
        var kind = random.Next(6);
        switch (kind)
        {
            case 0: // connect and close
                return false;
            case 1: // garbage
                await SendChunkedAsync(socket, RandomBytes(random, random.Next(1, 3000)), random, deadline.Token);
                break;
            case 2: // a truncated environment block
                var env = seeds.Environment(random, "bench");
                await SendChunkedAsync(socket, env.AsMemory(0, random.Next(1, env.Length - 1)), random, deadline.Token);
                break;
            default: // a (mutated) environment block, then mutated replies to what the server sends; closed or reset mid-call
                var block = seeds.Environment(random, random.Next(2) == 0 ? "bench" : "readings");
                if (kind == 3)
                {
                    block = Mutate(block, random);
                }

                await SendChunkedAsync(socket, block, random, deadline.Token);
                var commands = random.Next(0, 10);
                var buffer = new byte[8192];
                for (var c = 0; c < commands; c++)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                    if (read == 0)
                    {
                        return true;
                    }

                    var reply = random.Next(3) switch
                    {
                        0 => "200 result=0\n"u8.ToArray(),
                        1 => Mutate(seeds.Reply(random), random),
                        _ => seeds.Reply(random),
                    };
                    await SendChunkedAsync(socket, reply, random, deadline.Token);
                }

                if (kind == 5)
                {
                    socket.LingerState = new LingerOption(true, 0); // RST instead of FIN
                }

                break;
        }

        socket.Shutdown(SocketShutdown.Send);
        var drain = new byte[4096];
        while (await socket.ReceiveAsync(drain, SocketFlags.None, deadline.Token) > 0)
        {
        }

        return true;
    }

    private static async Task SendChunkedAsync(Socket socket, ReadOnlyMemory<byte> bytes, Random random, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var size = Math.Min(bytes.Length, random.Next(2) == 0 ? bytes.Length : random.Next(1, 64));
            bytes = bytes[await socket.SendAsync(bytes[..size], SocketFlags.None, ct)..];
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A few of afl's simplest mutations: flip bytes, insert or delete a run, repeat a slice, a very long line.</summary>
    private static byte[] Mutate(byte[] input, Random random)
    {
        var data = new List<byte>(input);
        for (var m = random.Next(1, 5); m > 0; m--)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0 when data.Count > 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.InsertRange(at, RandomBytes(random, random.Next(1, 16)));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 32)));
                    break;
                case 3 when data.Count > 0:
                    data.InsertRange(at, data.GetRange(at, Math.Min(data.Count - at, random.Next(1, 200))));
                    break;
                default:
                    data.InsertRange(at, Enumerable.Repeat((byte)'x', random.Next(100, 20_000)));
                    break;
            }
        }

        return [.. data];
    }

    /// <summary>The fuzz seeds (fuzz/corpus): environment blocks and reply streams captured from a real Asterisk.</summary>
    private sealed class SeedInputs
    {
        private readonly string[] _environments;
        private readonly byte[][] _replyLines;

        public SeedInputs(string corpus)
        {
            _environments = Directory.GetFiles(Path.Combine(corpus, "agi-environment")).Select(File.ReadAllText).ToArray();
            _replyLines = Directory.GetFiles(Path.Combine(corpus, "agi-reply"))
                .SelectMany(f => File.ReadAllText(f).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                .Select(l => Encoding.UTF8.GetBytes(l + "\n"))
                .ToArray();
            if (_environments.Length == 0 || _replyLines.Length == 0)
            {
                throw new InvalidOperationException($"no seeds under {corpus}");
            }
        }

        /// <summary>A captured block, its script set to <paramref name="script"/> (the server's bench or readings script).</summary>
        public byte[] Environment(Random random, string script)
        {
            var lines = _environments[random.Next(_environments.Length)].Split('\n')
                .Select(l => l.StartsWith("agi_network_script: ", StringComparison.Ordinal) ? "agi_network_script: " + script : l);
            return Encoding.UTF8.GetBytes(string.Join('\n', lines));
        }

        public byte[] Reply(Random random) => _replyLines[random.Next(_replyLines.Length)];
    }
}
