using System.Collections.Concurrent;
using System.Diagnostics;
using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.Speech;
using IvrReadings.Speech.Recognition;
using IvrReadings.Storage;
using IvrReadings.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// The durable recognition queue shared by two servers on one real PostgreSQL: each server its own stores, queue
/// service and recognizer, as two processes would have. No recording is processed twice, none is lost, and the
/// work of a server that dies is taken over once its lease runs out, while a slow server keeps its lease.
/// </summary>
public sealed class RecognitionQueueAcrossServersTests : INeedsPostgres, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _recordings = Path.Combine(Path.GetTempPath(), "ivr-voice-cluster-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> _servers = [];
    private TestDatabase? _db;

    private TestDatabase Db => _db!;

    public async Task InitializeAsync()
    {
        // Only runs when the test PostgreSQL is there ([StoreFact] skips the tests otherwise, and fails them under CI).
        Directory.CreateDirectory(_recordings);
        _db = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var migrate = Stores();
        await migrate.GetRequiredService<IDatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        try
        {
            Directory.Delete(_recordings, recursive: true);
        }
        catch (IOException)
        {
            // Harmless.
        }
    }

    [StoreFact]
    public async Task Two_servers_share_the_queue_and_process_every_recording_exactly_once()
    {
        var ids = new List<long>();
        await using (var setup = Stores())
        {
            for (var i = 0; i < 40; i++)
            {
                ids.Add(await RecordAsync(setup, $"c{i}"));
            }
        }

        var engine = new CountingRecognizer(TimeSpan.FromMilliseconds(20));
        var a = Server("a", engine.For("a"));
        var b = Server("b", engine.For("b"));
        await Task.WhenAll(a.StartAsync(CancellationToken.None), b.StartAsync(CancellationToken.None));
        var store = _servers[0].GetRequiredService<IRecordingStore>();
        await WaitUntilAsync(async () => await store.QueueLengthAsync(CancellationToken.None) == 0);
        await Task.WhenAll(a.StopAsync(CancellationToken.None), b.StopAsync(CancellationToken.None));

        Assert.Equal(40, engine.Calls.Count);
        Assert.All(engine.Calls.GroupBy(c => c.File), g => Assert.Single(g));
        Assert.True(engine.Calls.Any(c => c.Server == "a") && engine.Calls.Any(c => c.Server == "b"),
            $"a: {engine.Calls.Count(c => c.Server == "a")}, b: {engine.Calls.Count(c => c.Server == "b")}");
        foreach (var id in ids)
        {
            var recording = await store.GetAsync(id, CancellationToken.None);
            Assert.Equal((RecognitionStatus.Uncertain, "сто десять"), (recording!.Status, recording.RecognizedText));
        }
    }

    [StoreFact]
    public async Task The_recording_of_a_server_killed_mid_recognition_is_taken_over_once_its_lease_runs_out()
    {
        long id;
        await using (var setup = Stores())
        {
            id = await RecordAsync(setup, "killed");
        }

        // Server A claims the recording and dies inside the recognizer: no completion, no release, no renewal.
        var stuck = new CountingRecognizer(Timeout.InfiniteTimeSpan);
        var a = Server("a", stuck.For("a"), leaseSeconds: 2);
        await a.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(stuck.Started == 1));
        await KillAsync(a);
        var killedAt = Stopwatch.StartNew();

        var engine = new CountingRecognizer(TimeSpan.Zero);
        var b = Server("b", engine.For("b"), leaseSeconds: 2);
        await b.StartAsync(CancellationToken.None);
        var store = _servers[^1].GetRequiredService<IRecordingStore>();
        await WaitUntilAsync(async () => await store.QueueLengthAsync(CancellationToken.None) == 0);
        await b.StopAsync(CancellationToken.None);

        Assert.InRange(killedAt.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal(["b"], engine.Calls.Select(c => c.Server));
        Assert.Empty(stuck.Calls); // A never finished
        var recording = await store.GetAsync(id, CancellationToken.None);
        Assert.Equal((RecognitionStatus.Uncertain, "сто десять"), (recording!.Status, recording.RecognizedText));
    }

    [StoreFact]
    public async Task A_slow_recognition_keeps_its_lease_and_is_never_done_twice()
    {
        long id;
        await using (var setup = Stores())
        {
            id = await RecordAsync(setup, "slow");
        }

        // Three times the lease: a live server renews it while it works, so the other never takes it.
        var slow = new CountingRecognizer(TimeSpan.FromSeconds(4.5));
        var other = new CountingRecognizer(TimeSpan.Zero);
        var a = Server("a", slow.For("a"), leaseSeconds: 1.5);
        await a.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(slow.Started == 1));
        var b = Server("b", other.For("b"), leaseSeconds: 1.5);
        await b.StartAsync(CancellationToken.None);
        var store = _servers[0].GetRequiredService<IRecordingStore>();
        await WaitUntilAsync(async () => await store.QueueLengthAsync(CancellationToken.None) == 0);
        await Task.WhenAll(a.StopAsync(CancellationToken.None), b.StopAsync(CancellationToken.None));

        Assert.Empty(other.Calls);
        Assert.Equal(["a"], slow.Calls.Select(c => c.Server));
        Assert.Equal(RecognitionStatus.Uncertain, (await store.GetAsync(id, CancellationToken.None))!.Status);
    }

    [StoreFact]
    public async Task A_recording_that_kills_every_server_that_takes_it_is_given_up_for_staff()
    {
        long id;
        await using (var setup = Stores())
        {
            id = await RecordAsync(setup, "poison");
        }

        // Each "server" dies on it in turn; after Voice:QueueMaxAttempts claims it goes to staff as Failed.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var dying = new CountingRecognizer(Timeout.InfiniteTimeSpan);
            var server = Server($"s{attempt}", dying.For($"s{attempt}"), leaseSeconds: 1, maxAttempts: 2);
            await server.StartAsync(CancellationToken.None);
            await WaitUntilAsync(() => Task.FromResult(dying.Started == 1));
            await KillAsync(server);
        }

        var last = Server("s3", new CountingRecognizer(TimeSpan.Zero).For("s3"), leaseSeconds: 1, maxAttempts: 2);
        await last.StartAsync(CancellationToken.None);
        var store = _servers[^1].GetRequiredService<IRecordingStore>();
        await WaitUntilAsync(async () => await store.QueueLengthAsync(CancellationToken.None) == 0);
        await last.StopAsync(CancellationToken.None);

        Assert.Equal(RecognitionStatus.Failed, (await store.GetAsync(id, CancellationToken.None))!.Status);
    }

    /// <summary>A server's stores on the shared database (a process of its own would have exactly these).</summary>
    private ServiceProvider Stores()
    {
        var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddIvrStorage(Db.Options, Domain.Organisation())
            .BuildServiceProvider();
        return provider;
    }

    private RecognitionQueueService Server(string name, ISpeechRecognizer recognizer, double leaseSeconds = 30, int maxAttempts = 5)
    {
        var stores = Stores();
        _servers.Add(stores);
        return new RecognitionQueueService(
            stores.GetRequiredService<IRecordingStore>(), stores.GetRequiredService<ICallLog>(),
            new SpeechRecognitionService(recognizer, Options.Create(new SpeechOptions())), new RecordingCopies(stores.GetRequiredService<IRecordingStore>(), new RecordingPaths(_recordings)), TimeProvider.System,
            Options.Create(new VoiceOptions
            {
                QueueConcurrency = 2, QueuePollMilliseconds = 50, QueueLeaseSeconds = leaseSeconds, QueueMaxAttempts = maxAttempts, QueueRetrySeconds = 1,
            }),
            Options.Create(new SpeechOptions()), NullLogger<RecognitionQueueService>.Instance);
    }

    /// <summary>As a kill: the service stops at once; what its worker held stays claimed until the lease runs out.</summary>
    private static async Task KillAsync(RecognitionQueueService server)
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await server.StopAsync(now.Token);
    }

    private async Task<long> RecordAsync(ServiceProvider stores, string callId)
    {
        var relative = $"{callId}/reading-1.wav";
        Directory.CreateDirectory(Path.Combine(_recordings, callId));
        AsteriskSim.WavFile.Write(Path.Combine(_recordings, relative), new byte[16000]);
        await stores.GetRequiredService<ICallLog>().StartAsync(
            new CallStart(callId, SubmissionChannel.Voice, "voice", "79161234567", PromptLanguage.Ru, DateTimeOffset.UtcNow), CancellationToken.None);
        var recording = await stores.GetRequiredService<IRecordingStore>().AddAsync(
            new NewRecording(callId, "reading", relative, DateTimeOffset.UtcNow, "1234567", null, null), enqueue: true, CancellationToken.None);
        return recording.Id;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Patience, "gave up waiting");
            await Task.Delay(50);
        }
    }

    /// <summary>Answers "сто десять" after <c>delay</c> (infinite: never, until cancelled), noting which server finished which file.</summary>
    private sealed class CountingRecognizer(TimeSpan delay)
    {
        private int _started;

        public TimeSpan Delay { get; } = delay;

        public ConcurrentQueue<(string Server, string File)> Calls { get; } = new();

        public int Started => Volatile.Read(ref _started);

        public ISpeechRecognizer For(string server) => new Engine(this, server);

        private sealed class Engine(CountingRecognizer owner, string server) : ISpeechRecognizer
        {
            public async Task<Speech.Recognition.RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._started);
                if (owner.Delay != TimeSpan.Zero)
                {
                    await Task.Delay(owner.Delay, cancellationToken);
                }

                owner.Calls.Enqueue((server, Path.GetFileName(Path.GetDirectoryName(wavPath))!));
                var json = FakeSpeechRecognizer.Json("сто десять", 0.9);
                return new Speech.Recognition.RecognitionResult { Status = EngineStatus.Ok, Alternatives = VoskResultParser.Parse(json), RawJson = json };
            }
        }
    }
}
