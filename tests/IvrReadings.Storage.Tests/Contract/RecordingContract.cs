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
        Assert.Single(await Reviews.QueueAsync(0, 10, default));
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
    public async Task Competing_workers_never_claim_the_same_job()
    {
        for (var i = 0; i < 20; i++) await RecordAsync($"v{i}");
        var claims = await Task.WhenAll(Enumerable.Range(0, 40).Select(w => Task.Run(() => Recordings.ClaimNextAsync($"w{w}", Lease, Clock.GetUtcNow(), default))));
        var won = claims.Where(c => c is not null).Select(c => c!.RecordingId).ToList();
        Assert.Equal(20, won.Count);
        Assert.Equal(20, won.Distinct().Count());
    }

    [StoreFact]
    public async Task Review_queue_lists_uncertain_voice_calls_oldest_first_and_resolving_keeps_the_machines_version()
    {
        var meter = await MeterAsync(last: [6000]);
        await RecordAsync("v-old", meterId: meter.Id);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var uncertain = await RecordAsync("v-new", meterId: meter.Id);
        var job = (await Recordings.ClaimNextAsync("w", Lease, Clock.GetUtcNow(), default))!;
        await Recordings.CompleteAsync(job, new RecognitionResult(RecognitionStatus.Recognized, "6100", null), default); // v-old: recognized
        var job2 = (await Recordings.ClaimNextAsync("w", Lease, Clock.GetUtcNow(), default))!;
        Assert.Equal(uncertain.Id, job2.RecordingId);
        await Recordings.CompleteAsync(job2, new RecognitionResult(RecognitionStatus.Uncertain, "61?6", null), default);
        var machine = await Readings.SubmitAsync(Keyed(meter, 6106, channel: SubmissionChannel.Voice, status: ReadingStatus.NeedsReview, callId: "v-old"), default);
        await StartCallAsync("keys-call"); // touch-tone calls never need review

        var queue = await Reviews.QueueAsync(0, 10, default);
        Assert.Equal(["v-old", "v-new"], queue.Select(q => q.CallId));
        Assert.Equal((1, 0), (queue[0].ReadingsNeedingReview, queue[0].UnresolvedRecordings));
        Assert.Equal((0, 1), (queue[1].ReadingsNeedingReview, queue[1].UnresolvedRecordings));
        Assert.Equal(2, await Reviews.CountAsync(default));

        var at = Clock.GetUtcNow().AddMinutes(30);
        var staff = await Reviews.ResolveAsync(new ReviewResolution("v-old", "ivanova", at, [new StaffReading(meter.Id, Zone.Total, 6116, Nov)], "caller said 6116"), default);
        var saved = staff.Single();
        Assert.Equal((SubmissionChannel.Staff, ReadingStatus.Accepted, ReadingFlags.StaffCorrected, "ivanova", "v-old"),
            (saved.Channel, saved.Status, saved.Flags, saved.EnteredBy, saved.CallId));
        var history = await Readings.HistoryAsync(meter.Id, default);
        Assert.Contains(machine, history);
        Assert.Equal(6116, ReadingHistory.Counting(history, Zone.Total, Nov)!.Value);
        var call = (await Calls.GetAsync("v-old", default))!;
        Assert.Equal(("ivanova", at), (call.ReviewedBy, call.ReviewedAt));
        Assert.Equal(["v-new"], (await Reviews.QueueAsync(0, 10, default)).Select(q => q.CallId));
        Assert.Contains(await Calls.TimelineAsync("v-old", default), e => e.Event.Text == "caller said 6116");

        await Reviews.ResolveAsync(new ReviewResolution("v-new", "petrov", at, []), default);
        Assert.Equal(RecognitionStatus.Resolved, (await Recordings.GetAsync(uncertain.Id, default))!.Status);
        Assert.Equal(0, await Reviews.CountAsync(default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Reviews.ResolveAsync(new ReviewResolution("missing", "petrov", at, []), default));
    }

    [StoreFact]
    public async Task A_voice_call_that_ended_with_recordings_still_queued_is_in_front_of_staff_at_once()
    {
        // No model installed: every recording waits in the recognition queue. Staff must not wait for the
        // queue to give up (minutes) before they can listen; a call still in progress is not shown yet.
        await RecordAsync("v-live");
        await RecordAsync("v-ended");
        Assert.Equal(2, await Recordings.QueueLengthAsync(default));
        Assert.Empty(await Reviews.QueueAsync(0, 10, default));

        await Calls.EndAsync("v-ended", CallOutcome.NeedsReview, "Account", Clock.GetUtcNow(), default);

        Assert.Equal(["v-ended"], (await Reviews.QueueAsync(0, 10, default)).Select(q => q.CallId));
        Assert.Equal(1, await Reviews.CountAsync(default));
    }

    [StoreFact]
    public async Task A_failed_resolution_leaves_the_review_untouched()
    {
        var meter = await MeterAsync();
        await RecordAsync("v-x", enqueue: false, meterId: meter.Id);
        await Recordings.SetRecognitionAsync((await Recordings.ForCallAsync("v-x", default)).Single().Id, new RecognitionResult(RecognitionStatus.NoSpeech, null, null), default);
        await Assert.ThrowsAsync<ArgumentException>(() => Reviews.ResolveAsync(new ReviewResolution("v-x", "ivanova", Clock.GetUtcNow(),
            [new StaffReading(meter.Id, Zone.Total, 10, Nov), new StaffReading(987_654, Zone.Total, 10, Nov)]), default));
        Assert.Empty(await Readings.HistoryAsync(meter.Id, default));
        Assert.Null((await Calls.GetAsync("v-x", default))!.ReviewedBy);
        Assert.Equal(RecognitionStatus.NoSpeech, (await Recordings.ForCallAsync("v-x", default)).Single().Status);
        Assert.Equal(1, await Reviews.CountAsync(default));
    }
}
