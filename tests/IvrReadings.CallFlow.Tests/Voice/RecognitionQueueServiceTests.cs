using IvrReadings.CallFlow.Voice;
using IvrReadings.Domain;
using IvrReadings.Speech;
using IvrReadings.Speech.Recognition;
using IvrReadings.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using IvrReadings.Testing;

namespace IvrReadings.CallFlow.Tests.Voice;

/// <summary>
/// The durable recognition queue on a real database: it survives a restart and never accepts anything. Run on SQLite
/// (<see cref="SqliteRecognitionQueueServiceTests"/>) and on PostgreSQL (<see cref="PostgresRecognitionQueueServiceTests"/>).
/// </summary>
public abstract class RecognitionQueueServiceTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ivr-voice-queue-tests", Guid.NewGuid().ToString("N"));
    private readonly MutableTime _time = new(Domain.Now);
    private TestDatabase? _database;

    /// <summary><see cref="TestDatabase.Sqlite"/> or <see cref="TestDatabase.Postgres"/>.</summary>
    protected abstract string Provider { get; }

    private string Recordings => Path.Combine(_directory, "recordings");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Recordings);
        _database = await TestDatabase.CreateAsync(Provider);
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Harmless.
        }
    }

    /// <summary>A fresh "server": its own service provider on the same database (a restart).</summary>
    private async Task<ServiceProvider> StartStoresAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddIvrStorage(_database!.For(migrateOnStart: false), Domain.Organisation());
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return provider;
    }

    private RecognitionQueueService Service(ServiceProvider provider, ISpeechRecognizer recognizer, int maxAttempts = 5, RecognitionGate? gate = null) => new(
        provider.GetRequiredService<IRecordingStore>(), provider.GetRequiredService<ICallLog>(),
        new SpeechRecognitionService(recognizer, Options.Create(new SpeechOptions()), gate: gate), new RecordingCopies(provider.GetRequiredService<IRecordingStore>(), new RecordingPaths(Recordings)), _time,
        Options.Create(new VoiceOptions { QueuePollMilliseconds = 20, QueueLeaseSeconds = 60, QueueMaxAttempts = maxAttempts, QueueRetrySeconds = 30 }),
        Options.Create(new SpeechOptions()), NullLogger<RecognitionQueueService>.Instance);

    private async Task<Recording> RecordAsync(ServiceProvider provider, string callId, string step, bool enqueue = true)
    {
        var relative = $"{callId}/{step}-1.wav";
        Directory.CreateDirectory(Path.Combine(Recordings, callId));
        AsteriskSim.WavFile.Write(Path.Combine(Recordings, relative), new byte[16000]);
        await provider.GetRequiredService<ICallLog>().StartAsync(
            new CallStart(callId, SubmissionChannel.Voice, "voice", "79161234567", PromptLanguage.Ru, _time.GetUtcNow()), CancellationToken.None);
        return await provider.GetRequiredService<IRecordingStore>().AddAsync(
            new NewRecording(callId, step, relative, _time.GetUtcNow(), "1234567", 2, Zone.Total), enqueue, CancellationToken.None);
    }

    [Fact]
    public async Task A_job_claimed_before_a_restart_is_recognized_after_it_and_stays_for_staff()
    {
        long id;
        await using (var before = await StartStoresAsync())
        {
            id = (await RecordAsync(before, "c1", "reading")).Id;

            // A worker claims the job and the server dies before it finishes.
            var claimed = await before.GetRequiredService<IRecordingStore>().ClaimNextAsync("dead-worker", TimeSpan.FromSeconds(60), _time.GetUtcNow(), CancellationToken.None);
            Assert.NotNull(claimed);
        }

        SqliteConnection.ClearAllPools();
        await using var after = await StartStoresAsync();
        var recognizer = new FakeSpeechRecognizer();
        recognizer.Set("reading-1.wav", FakeSpeechRecognizer.Json("сто десять", 0.99));
        var service = Service(after, recognizer);

        Assert.False(await service.ProcessNextAsync("w", CancellationToken.None)); // the dead worker's lease still holds
        _time.Advance(TimeSpan.FromSeconds(61));
        await service.StartAsync(CancellationToken.None);
        var store = after.GetRequiredService<IRecordingStore>();
        for (var i = 0; i < 200 && await store.QueueLengthAsync(CancellationToken.None) > 0; i++)
        {
            await Task.Delay(25);
        }

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(0, await store.QueueLengthAsync(CancellationToken.None));
        var recording = await store.GetAsync(id, CancellationToken.None);

        // Sure as the recognizer may be, the caller is gone and confirmed nothing: staff decide.
        Assert.Equal((RecognitionStatus.Uncertain, "сто десять"), (recording!.Status, recording.RecognizedText));
        Assert.Contains("сто десять", recording.AlternativesJson, StringComparison.Ordinal);
        Assert.Equal(1, await after.GetRequiredService<IReviewStore>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_server_without_the_file_recognizes_the_audio_kept_in_the_database()
    {
        // The call was on another server (or Asterisk streamed it there): this server's directory has no file.
        await using var provider = await StartStoresAsync();
        var store = provider.GetRequiredService<IRecordingStore>();
        var recording = await RecordAsync(provider, "elsewhere", "reading");
        var file = Path.Combine(Recordings, recording.FilePath);
        await store.SaveAudioAsync(recording.Id, new RecordingAudio(RecordingAudio.Wav, await File.ReadAllBytesAsync(file)), CancellationToken.None);
        File.Delete(file);
        var recognizer = new FakeSpeechRecognizer();
        recognizer.Set("reading-1.wav", FakeSpeechRecognizer.Json("сто десять", 0.99));

        Assert.True(await Service(provider, recognizer).ProcessNextAsync("w", CancellationToken.None));

        Assert.Equal((RecognitionStatus.Uncertain, "сто десять"), ((await store.GetAsync(recording.Id, CancellationToken.None))!.Status, (await store.GetAsync(recording.Id, CancellationToken.None))!.RecognizedText));
        Assert.Equal(file, Assert.Single(recognizer.Requests).WavPath);
        Assert.True(File.Exists(file)); // fetched once, kept here
    }

    [Fact]
    public async Task A_recording_with_neither_file_nor_audio_goes_to_staff_as_failed()
    {
        await using var provider = await StartStoresAsync();
        var store = provider.GetRequiredService<IRecordingStore>();
        var recording = await RecordAsync(provider, "lost", "reading");
        File.Delete(Path.Combine(Recordings, recording.FilePath));
        var recognizer = new FakeSpeechRecognizer();

        Assert.True(await Service(provider, recognizer, maxAttempts: 1).ProcessNextAsync("w", CancellationToken.None));

        Assert.Empty(recognizer.Requests);
        Assert.Equal(RecognitionStatus.Failed, (await store.GetAsync(recording.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_recording_recognized_live_only_leaves_the_queue()
    {
        await using var provider = await StartStoresAsync();
        var store = provider.GetRequiredService<IRecordingStore>();
        var recording = await RecordAsync(provider, "c2", "reading");
        await store.SetRecognitionAsync(recording.Id, new IvrReadings.Domain.RecognitionResult(RecognitionStatus.Recognized, "сто", "{}"), CancellationToken.None);
        var recognizer = new FakeSpeechRecognizer();

        Assert.True(await Service(provider, recognizer).ProcessNextAsync("w", CancellationToken.None));
        Assert.Empty(recognizer.Requests);
        Assert.Equal(0, await store.QueueLengthAsync(CancellationToken.None));
        Assert.Equal(RecognitionStatus.Recognized, (await store.GetAsync(recording.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Without_a_model_a_job_is_retried_then_marked_failed_for_staff()
    {
        await using var provider = await StartStoresAsync();
        var store = provider.GetRequiredService<IRecordingStore>();
        var recording = await RecordAsync(provider, "c3", "confirm-reading");
        var service = Service(provider, new FakeSpeechRecognizer(simulateNoModel: true), maxAttempts: 2);

        Assert.True(await service.ProcessNextAsync("w", CancellationToken.None));
        Assert.Equal(RecognitionStatus.Pending, (await store.GetAsync(recording.Id, CancellationToken.None))!.Status);
        Assert.False(await service.ProcessNextAsync("w", CancellationToken.None)); // not due before the retry delay
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await service.ProcessNextAsync("w", CancellationToken.None));
        Assert.Equal(RecognitionStatus.Failed, (await store.GetAsync(recording.Id, CancellationToken.None))!.Status);
        Assert.Equal(0, await store.QueueLengthAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Confirmations_use_the_yes_no_grammar_and_free_recordings_the_free_one()
    {
        await using var provider = await StartStoresAsync();
        await RecordAsync(provider, "c4", "confirm-reading");
        await RecordAsync(provider, "c5", VoiceFlow.FreeStep);
        var recognizer = new FakeSpeechRecognizer();
        recognizer.Set("confirm-reading-1.wav", FakeSpeechRecognizer.Json("да", 0.9));
        recognizer.Set("readings-1.wav", FakeSpeechRecognizer.Json("холодная вода сто десять", 0.9));
        var service = Service(provider, recognizer);

        Assert.True(await service.ProcessNextAsync("w", CancellationToken.None));
        Assert.True(await service.ProcessNextAsync("w", CancellationToken.None));
        Assert.Equal([RecognitionGrammar.YesNo(Speech.Numbers.SpeechLanguage.Russian), RecognitionGrammar.Free(Speech.Numbers.SpeechLanguage.Russian)],
            recognizer.Requests.Select(r => r.Grammar));
    }

    [Fact]
    public async Task A_live_recognition_starts_at_once_while_the_queue_fills_every_slot()
    {
        await using var provider = await StartStoresAsync();
        await RecordAsync(provider, "q1", "reading");
        await RecordAsync(provider, "q2", "reading");
        await RecordAsync(provider, "q3", "reading");
        var engine = new BlockingRecognizer();
        var gate = new RecognitionGate(2);
        var queue = Service(provider, engine, gate: gate);

        // Two queued recordings occupy both slots (two cores) and do not finish.
        var busy = new[] { queue.ProcessNextAsync("w1", CancellationToken.None), queue.ProcessNextAsync("w2", CancellationToken.None) };
        await engine.Started(2).WaitAsync(TimeSpan.FromSeconds(10));
        var third = queue.ProcessNextAsync("w3", CancellationToken.None);

        // A caller on the line answers: recognized now, not after the queue.
        var live = Path.Combine(_directory, "live.wav");
        AsteriskSim.WavFile.Write(live, new byte[16000]);
        engine.Answer(live, FakeSpeechRecognizer.Json("сто десять", 0.95));
        var speech = new SpeechRecognitionService(engine, Options.Create(new SpeechOptions()), gate: gate);
        var outcome = await speech.RecognizeReadingAsync(live, Speech.Numbers.SpeechLanguage.Russian, new Speech.Decisions.MeterConstraints(5, 100), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(110, Assert.IsType<Speech.Decisions.SpeechDecision.Accepted>(outcome.Decision).Value);
        Assert.Equal(2, engine.BackgroundInProgress);
        Assert.False(third.IsCompleted); // the third queued file waits for a free slot
        Assert.Equal(3, engine.StartedCount);

        engine.ReleaseAll();
        Assert.All(await Task.WhenAll(busy).WaitAsync(TimeSpan.FromSeconds(10)), Assert.True);
        Assert.True(await third.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await provider.GetRequiredService<IRecordingStore>().QueueLengthAsync(CancellationToken.None));
    }

    /// <summary>Queued files (the recordings directory) block until released; any other file is answered at once.</summary>
    private sealed class BlockingRecognizer : ISpeechRecognizer
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Dictionary<string, string> _answers = [];
        private readonly Lock _lock = new();
        private readonly List<TaskCompletionSource> _waiters = [];
        private int _started;
        private int _blocked;

        public int StartedCount => Volatile.Read(ref _started);

        public int BackgroundInProgress => Volatile.Read(ref _blocked);

        public void Answer(string path, string json)
        {
            lock (_lock)
            {
                _answers[path] = json;
            }
        }

        public void ReleaseAll() => _release.TrySetResult();

        public Task Started(int count)
        {
            lock (_lock)
            {
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(waiter);
                Check();
                return waiter.Task;
            }
        }

        public async Task<Speech.Recognition.RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken)
        {
            string? json;
            lock (_lock)
            {
                _started++;
                _answers.TryGetValue(wavPath, out json);
                if (json is null)
                {
                    _blocked++;
                }

                Check();
            }

            if (json is null)
            {
                await _release.Task.WaitAsync(cancellationToken);
                Interlocked.Decrement(ref _blocked);
                json = FakeSpeechRecognizer.Json("сто", 0.9);
            }

            return new Speech.Recognition.RecognitionResult
            {
                Status = EngineStatus.Ok,
                Alternatives = VoskResultParser.Parse(json, 5),
                RawJson = json,
            };
        }

        private void Check()
        {
            foreach (var waiter in _waiters)
            {
                if (_blocked >= 2)
                {
                    waiter.TrySetResult();
                }
            }
        }
    }

    private sealed class MutableTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

public sealed class SqliteRecognitionQueueServiceTests : RecognitionQueueServiceTests
{
    protected override string Provider => TestDatabase.Sqlite;
}

public sealed class PostgresRecognitionQueueServiceTests : RecognitionQueueServiceTests, INeedsPostgres
{
    protected override string Provider => TestDatabase.Postgres;
}
