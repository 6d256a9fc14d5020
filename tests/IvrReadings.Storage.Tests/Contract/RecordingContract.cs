using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private async Task<Recording> RecordAsync(string callId = "v1", bool enqueue = true, long? meterId = null)
    {
        await Calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", "+78212000009", PromptLanguage.Ru, Clock.GetUtcNow()), default);
        return await Recordings.AddAsync(new NewRecording(callId, "reading", $"2026/11/20/{callId}-1.wav", Clock.GetUtcNow(), "1234567", meterId, meterId is null ? null : Zone.Total),
            enqueue, default);
    }

    [StoreFact]
    public async Task Recordings_are_stored_and_recognized_through_the_queue()
    {
        var recording = await RecordAsync();
        Assert.Equal(RecognitionStatus.Pending, recording.Status);
        Assert.Equal(recording, await Recordings.GetAsync(recording.Id, default));
        Assert.Equal(1, await Recordings.QueueLengthAsync(default));

        var job = await Recordings.ClaimNextAsync("worker-a", Lease, Clock.GetUtcNow(), default);
        Assert.NotNull(job);
        Assert.Equal((recording.Id, recording.FilePath, 1, "worker-a"), (job.RecordingId, job.FilePath, job.Attempts, job.Worker));
        Assert.Null(await Recordings.ClaimNextAsync("worker-b", Lease, Clock.GetUtcNow(), default));

        Assert.True(await Recordings.CompleteAsync(job, new RecognitionResult(RecognitionStatus.Recognized, "шесть тысяч сто шестнадцать", """["6116","6160"]"""), default));
        var done = (await Recordings.ForCallAsync("v1", default)).Single();
        Assert.Equal((RecognitionStatus.Recognized, "шесть тысяч сто шестнадцать", """["6116","6160"]"""), (done.Status, done.RecognizedText, done.AlternativesJson));
        Assert.Equal(0, await Recordings.QueueLengthAsync(default));
        Assert.Throws<ArgumentException>(() => { _ = Recordings.AddAsync(new NewRecording("v1", "x", "/abs/path.wav", Clock.GetUtcNow()), false, default); });
    }

    [StoreFact]
    public async Task The_queue_survives_a_restart_and_an_expired_lease_is_claimed_again()
    {
        var recording = await RecordAsync();
        var lost = await Recordings.ClaimNextAsync("worker-a", Lease, Clock.GetUtcNow(), default);
        Assert.NotNull(lost);
        await RestartAsync(); // worker-a's process died holding the lease

        Assert.Null(await Recordings.ClaimNextAsync("worker-b", Lease, Clock.GetUtcNow().AddMinutes(1), default));
        var again = await Recordings.ClaimNextAsync("worker-b", Lease, Clock.GetUtcNow().AddMinutes(3), default);
        Assert.NotNull(again);
        Assert.Equal((recording.Id, 2), (again.RecordingId, again.Attempts));
        // The first worker comes back late: its claim is gone.
        Assert.False(await Recordings.CompleteAsync(lost, new RecognitionResult(RecognitionStatus.Recognized, "1", null), default));
        Assert.True(await Recordings.CompleteAsync(again, new RecognitionResult(RecognitionStatus.Uncertain, "6?16", null), default));
        Assert.Equal(RecognitionStatus.Uncertain, (await Recordings.GetAsync(recording.Id, default))!.Status);
    }

    [StoreFact]
    public async Task Failed_recognition_is_retried_then_given_up()
    {
        var recording = await RecordAsync();
        var now = Clock.GetUtcNow();
        var first = (await Recordings.ClaimNextAsync("w", Lease, now, default))!;
        Assert.True(await Recordings.FailAsync(first, "engine crashed", now.AddMinutes(1), maxAttempts: 2, default));
        Assert.Null(await Recordings.ClaimNextAsync("w", Lease, now.AddSeconds(30), default)); // not before the retry time
        var second = (await Recordings.ClaimNextAsync("w", Lease, now.AddMinutes(1), default))!;
        Assert.Equal(2, second.Attempts);
        Assert.False(await Recordings.FailAsync(second, "engine crashed", now.AddMinutes(2), maxAttempts: 2, default));
        Assert.Equal(RecognitionStatus.Failed, (await Recordings.GetAsync(recording.Id, default))!.Status);
        Assert.Equal(0, await Recordings.QueueLengthAsync(default));
        Assert.Single(await Reviews.QueueAsync(0, 10, Clock.GetUtcNow(), default));
    }

    [StoreFact]
    public async Task A_renewed_lease_keeps_the_job_and_a_lost_one_cannot_be_renewed()
    {
        await RecordAsync();
        var now = Clock.GetUtcNow();
        var job = (await Recordings.ClaimNextAsync("worker-a", Lease, now, default))!;

        Assert.True(await Recordings.RenewAsync(job, now.AddMinutes(4), default));
        Assert.Null(await Recordings.ClaimNextAsync("worker-b", Lease, now.AddMinutes(3), default)); // would have run out without the renewal
        var taken = (await Recordings.ClaimNextAsync("worker-b", Lease, now.AddMinutes(4), default))!;

        Assert.False(await Recordings.RenewAsync(job, now.AddMinutes(10), default));
        Assert.True(await Recordings.RenewAsync(taken, now.AddMinutes(10), default));
        Assert.False(await Recordings.CompleteAsync(job, new RecognitionResult(RecognitionStatus.Uncertain, "late", null), default));
        Assert.True(await Recordings.CompleteAsync(taken, new RecognitionResult(RecognitionStatus.Uncertain, "сто", null), default));
        Assert.Equal("сто", (await Recordings.GetAsync(taken.RecordingId, default))!.RecognizedText);
    }

    [StoreFact]
    public async Task A_recordings_audio_is_kept_in_the_database_for_any_server()
    {
        var recording = await RecordAsync();
        var wav = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray(); // about 19 s of 8 kHz audio

        Assert.Null(await Recordings.AudioAsync(recording.Id, default));
        await Recordings.SaveAudioAsync(recording.Id, new RecordingAudio(RecordingAudio.Wav, wav), default);
        await RestartAsync(); // another process on the same database

        var audio = await Recordings.AudioAsync(recording.Id, default);
        Assert.Equal(RecordingAudio.Wav, audio!.ContentType);
        Assert.Equal(wav, audio.Bytes);
        await Recordings.SaveAudioAsync(recording.Id, new RecordingAudio(RecordingAudio.Wav, [1, 2, 3]), default);
        Assert.Equal([1, 2, 3], (await Recordings.AudioAsync(recording.Id, default))!.Bytes);
    }

    [StoreFact]
    public async Task Competing_workers_never_claim_the_same_job()
    {
        for (var i = 0; i < 20; i++) await RecordAsync($"v{i}");
        var claims = await Task.WhenAll(Enumerable.Range(0, 40).Select(w => Task.Run(() => Recordings.ClaimNextAsync($"w{w}", Lease, Clock.GetUtcNow(), default))));
        var won = claims.Where(c => c is not null).Select(c => c!.RecordingId).ToList();
        Assert.Equal(20, won.Count);
        Assert.Equal(20, won.Distinct().Count());
    }

    [StoreFact]
    public async Task A_voice_call_that_ended_with_recordings_still_queued_is_in_front_of_staff_at_once()
    {
        // No model installed: every recording waits in the recognition queue. Staff must not wait for the
        // queue to give up (minutes) before they can listen; a call still in progress is not shown yet.
        await RecordAsync("v-live");
        await RecordAsync("v-ended");
        Assert.Equal(2, await Recordings.QueueLengthAsync(default));
        Assert.Empty(await Reviews.QueueAsync(0, 10, Clock.GetUtcNow(), default));

        await Calls.EndAsync("v-ended", CallOutcome.NeedsReview, "Account", Clock.GetUtcNow(), default);

        Assert.Equal(["v-ended"], (await Reviews.QueueAsync(0, 10, Clock.GetUtcNow(), default)).Select(q => q.CallId));
        Assert.Equal(1, await Reviews.CountAsync(default));
    }
}
