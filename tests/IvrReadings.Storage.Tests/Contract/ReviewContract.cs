using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    private async Task<string> QueuedCallAsync(string callId, PromptLanguage language = PromptLanguage.Ru, long? meterId = null)
    {
        await Calls.StartAsync(new CallStart(callId, SubmissionChannel.Voice, "voice", "+78212000009", language, Clock.GetUtcNow()), default);
        var recording = await Recordings.AddAsync(new NewRecording(callId, "reading", $"2026/11/20/{callId}-1.wav", Clock.GetUtcNow(), "1234567", meterId,
            meterId is null ? null : Zone.Total), enqueue: false, default);
        await Recordings.SetRecognitionAsync(recording.Id, new RecognitionResult(RecognitionStatus.Uncertain, "61?6", null), default);
        return callId;
    }

    private ReviewResolution Close(string callId, string who, ReviewOutcome outcome, int version = 0, IReadOnlyList<StaffReading>? readings = null,
        string? note = null, string? callback = null) =>
        new(callId, who, Clock.GetUtcNow(), outcome, readings ?? [], version, note, callback, "10.0.0.7");

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

        var queue = await Reviews.QueueAsync(0, 10, Clock.GetUtcNow(), default);
        Assert.Equal(["v-old", "v-new"], queue.Select(q => q.CallId));
        Assert.Equal((1, 0), (queue[0].ReadingsNeedingReview, queue[0].UnresolvedRecordings));
        Assert.Equal((0, 1), (queue[1].ReadingsNeedingReview, queue[1].UnresolvedRecordings));
        Assert.Equal(2, await Reviews.CountAsync(default));

        Clock.Advance(TimeSpan.FromMinutes(30));
        var at = Clock.GetUtcNow();
        var staff = await Reviews.ResolveAsync(Close("v-old", "ivanova", ReviewOutcome.ReadingsConfirmed,
            readings: [new StaffReading(meter.Id, Zone.Total, 6116, Nov)], note: "caller said 6116"), default);
        var saved = staff.Single();
        Assert.Equal((SubmissionChannel.Staff, ReadingStatus.Accepted, ReadingFlags.StaffCorrected, "ivanova", "v-old", "+78212000009"),
            (saved.Channel, saved.Status, saved.Flags, saved.EnteredBy, saved.CallId, saved.CallerNumber));
        var history = await Readings.HistoryAsync(meter.Id, default);
        Assert.Contains(machine, history);
        Assert.Equal(6116, ReadingHistory.Counting(history, Zone.Total, Nov)!.Value);
        var call = (await Calls.GetAsync("v-old", default))!;
        Assert.Equal(("ivanova", at), (call.ReviewedBy, call.ReviewedAt));
        Assert.Equal(["v-new"], (await Reviews.QueueAsync(0, 10, at, default)).Select(q => q.CallId));
        Assert.Contains(await Calls.TimelineAsync("v-old", default), e => e.Event.Text == "caller said 6116");
        var state = await Reviews.StateAsync("v-old", default);
        Assert.Equal((1, ReviewOutcome.ReadingsConfirmed, "ivanova", at, "caller said 6116"), (state.Version, state.Outcome, state.ReviewedBy, state.ReviewedAt, state.Note));

        await Reviews.ResolveAsync(Close("v-new", "petrov", ReviewOutcome.NoReadings), default);
        Assert.Equal(RecognitionStatus.Resolved, (await Recordings.GetAsync(uncertain.Id, default))!.Status);
        Assert.Equal(0, await Reviews.CountAsync(default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Reviews.ResolveAsync(Close("missing", "petrov", ReviewOutcome.NoReadings), default));
    }

    [StoreFact]
    public async Task A_review_closes_only_with_an_outcome_that_fits_what_it_stores()
    {
        var meter = await MeterAsync();
        await QueuedCallAsync("v-1", meterId: meter.Id);
        await Assert.ThrowsAsync<ArgumentException>(() => Reviews.ResolveAsync(Close("v-1", "ivanova", ReviewOutcome.ReadingsConfirmed), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Reviews.ResolveAsync(Close("v-1", "ivanova", ReviewOutcome.NoReadings,
            readings: [new StaffReading(meter.Id, Zone.Total, 10, Nov)]), default));
        Assert.Equal(1, await Reviews.CountAsync(default));
        Assert.Equal(ReviewState.New, await Reviews.StateAsync("v-1", default));

        await Reviews.ResolveAsync(Close("v-1", "ivanova", ReviewOutcome.CallBack, note: "asked for the gas meter too", callback: "+79001112233"), default);
        var state = await Reviews.StateAsync("v-1", default);
        Assert.Equal((ReviewOutcome.CallBack, "+79001112233", "asked for the gas meter too"), (state.Outcome, state.CallbackNumber, state.Note));
        Assert.Empty(await Readings.HistoryAsync(meter.Id, default));
        Assert.Equal(0, await Reviews.CountAsync(default));
    }

    [StoreFact]
    public async Task A_close_against_a_version_someone_else_closed_is_refused_and_stores_nothing()
    {
        var meter = await MeterAsync();
        await QueuedCallAsync("v-2", meterId: meter.Id);
        await Reviews.ResolveAsync(Close("v-2", "ivanova", ReviewOutcome.ReadingsConfirmed, readings: [new StaffReading(meter.Id, Zone.Total, 6116, Nov)]), default);

        var conflict = await Assert.ThrowsAsync<ReviewConflictException>(() => Reviews.ResolveAsync(Close("v-2", "petrov", ReviewOutcome.ReadingsConfirmed,
            readings: [new StaffReading(meter.Id, Zone.Total, 6999, Nov)]), default));
        Assert.Equal(("ivanova", 1), (conflict.Current.ReviewedBy, conflict.Current.Version));
        Assert.Equal([6116], (await Readings.HistoryAsync(meter.Id, default)).Select(r => r.Value));

        // A correction made from the current version is a new review.
        await Reviews.ResolveAsync(Close("v-2", "petrov", ReviewOutcome.ReadingsConfirmed, version: 1, readings: [new StaffReading(meter.Id, Zone.Total, 6117, Nov)]), default);
        Assert.Equal((2, "petrov"), ((await Reviews.StateAsync("v-2", default)).Version, (await Reviews.StateAsync("v-2", default)).ReviewedBy));
    }

    [StoreFact]
    public async Task Two_reviewers_closing_the_same_version_at_once_store_one_review()
    {
        var meter = await MeterAsync();
        await QueuedCallAsync("v-3", meterId: meter.Id);
        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await Reviews.ResolveAsync(Close("v-3", "staff" + i, ReviewOutcome.ReadingsConfirmed, readings: [new StaffReading(meter.Id, Zone.Total, 7000 + i, Nov)]), default);
                return true;
            }
            catch (ReviewConflictException)
            {
                return false;
            }
        }));
        var won = await Task.WhenAll(attempts);
        Assert.Equal(1, won.Count(w => w));
        Assert.Single(await Readings.HistoryAsync(meter.Id, default));
        Assert.Equal(1, (await Reviews.StateAsync("v-3", default)).Version);
    }

    [StoreFact]
    public async Task A_claim_keeps_a_call_for_one_reviewer_until_it_runs_out_or_is_taken_over()
    {
        await QueuedCallAsync("v-4");
        var now = Clock.GetUtcNow();
        Assert.Equal(new ClaimResult(true, "ivanova", now + Hold), await Reviews.ClaimAsync("v-4", "ivanova", now, Hold, takeOver: false, default));
        Assert.Equal(new ClaimResult(false, "ivanova", now + Hold), await Reviews.ClaimAsync("v-4", "petrov", now.AddMinutes(1), Hold, takeOver: false, default));
        Assert.Equal("ivanova", (await Reviews.QueueAsync(0, 10, now.AddMinutes(1), default)).Single().ClaimedBy);
        Assert.Equal(1, (await Reviews.StatsAsync(now.AddMinutes(1), default)).Claimed);

        // Ivanova opens it again: her claim is renewed. It runs out five minutes later.
        Assert.True((await Reviews.ClaimAsync("v-4", "ivanova", now.AddMinutes(2), Hold, takeOver: false, default)).Claimed);
        Assert.Null((await Reviews.QueueAsync(0, 10, now.AddMinutes(8), default)).Single().ClaimedBy);
        Assert.True((await Reviews.ClaimAsync("v-4", "petrov", now.AddMinutes(8), Hold, takeOver: false, default)).Claimed);

        // Taken over, with an audit line.
        Assert.True((await Reviews.ClaimAsync("v-4", "sidorova", now.AddMinutes(9), Hold, takeOver: true, default)).Claimed);
        var takeover = (await Audit.ListAsync(new AuditFilter(Action: AuditActions.ClaimTakenOver), default)).Entries.Single().Entry;
        Assert.Equal(("sidorova", "v-4", "from petrov"), (takeover.Actor, takeover.Target, takeover.Detail));

        await Reviews.ReleaseAsync("v-4", "petrov", now.AddMinutes(9), default); // not his any more: left alone
        Assert.Equal("sidorova", (await Reviews.StateAsync("v-4", default)).HolderAt(now.AddMinutes(9)));
        await Reviews.ReleaseAsync("v-4", "sidorova", now.AddMinutes(9), default);
        Assert.Null((await Reviews.StateAsync("v-4", default)).HolderAt(now.AddMinutes(9)));
        Assert.False((await Reviews.ClaimAsync("no-such-call", "ivanova", now, Hold, takeOver: false, default)).Claimed);
    }

    [StoreFact]
    public async Task Reviewers_asking_for_the_next_call_at_once_each_get_a_different_one()
    {
        for (var i = 0; i < 4; i++)
        {
            await QueuedCallAsync($"v-n{i}");
            Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var now = Clock.GetUtcNow();
        var got = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Reviews.ClaimNextAsync("staff" + i, now, Hold, default))));
        Assert.Equal(4, got.Count(g => g is not null));
        Assert.Equal(4, got.Where(g => g is not null).Distinct().Count());
        // One already holding a call gets that one again, not another.
        var holder = Array.FindIndex(got, g => g is not null);
        Assert.Equal(got[holder], await Reviews.ClaimNextAsync("staff" + holder, now.AddSeconds(1), Hold, default));
    }

    [StoreFact]
    public async Task A_call_put_back_comes_after_every_other_call_for_who_put_it_back_and_in_its_turn_for_others()
    {
        await QueuedCallAsync("v-pb1");
        Clock.Advance(TimeSpan.FromSeconds(10));
        await QueuedCallAsync("v-pb2");
        var now = Clock.GetUtcNow();

        Assert.Equal("v-pb1", await Reviews.ClaimNextAsync("ivanova", now, Hold, default));
        await Reviews.ReleaseAsync("v-pb1", "ivanova", now.AddSeconds(5), default);
        Assert.Null((await Reviews.StateAsync("v-pb1", default)).HolderAt(now.AddSeconds(5)));

        // She asks for the next call: not the one she just put back, though it is the oldest.
        Assert.Equal("v-pb2", await Reviews.ClaimNextAsync("ivanova", now.AddSeconds(6), Hold, default));
        // A colleague gets the oldest in its turn.
        Assert.Equal("v-pb1", await Reviews.ClaimNextAsync("petrov", now.AddSeconds(7), Hold, default));
        await Reviews.ReleaseAsync("v-pb1", "petrov", now.AddSeconds(8), default);
        await Reviews.ReleaseAsync("v-pb2", "ivanova", now.AddSeconds(8), default);

        // Put back by someone else since, the oldest is hers again in its turn.
        Assert.Equal("v-pb1", await Reviews.ClaimNextAsync("ivanova", now.AddSeconds(9), Hold, default));
        // Both put back by her: with nothing else waiting she still gets them, oldest first.
        await Reviews.ReleaseAsync("v-pb1", "ivanova", now.AddSeconds(10), default);
        Assert.Equal("v-pb1", await Reviews.ClaimNextAsync("ivanova", now.AddSeconds(11), Hold, default));
    }

    [StoreFact]
    public async Task Queue_stats_count_by_language_with_the_oldest_call_and_the_claimed_ones()
    {
        Assert.Equal((0, (DateTimeOffset?)null), ((await Reviews.StatsAsync(Clock.GetUtcNow(), default)).Count, (await Reviews.StatsAsync(Clock.GetUtcNow(), default)).Oldest));
        var oldest = Clock.GetUtcNow();
        await QueuedCallAsync("v-ru1");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await QueuedCallAsync("v-uk1", PromptLanguage.Uk);
        await QueuedCallAsync("v-uk2", PromptLanguage.Uk);
        await Reviews.ClaimAsync("v-uk2", "ivanova", Clock.GetUtcNow(), Hold, takeOver: false, default);
        var stats = await Reviews.StatsAsync(Clock.GetUtcNow(), default);
        Assert.Equal((3, oldest, 1, 2, 1), (stats.Count, stats.Oldest, stats.ByLanguage[PromptLanguage.Ru], stats.ByLanguage[PromptLanguage.Uk], stats.Claimed));
        Assert.Equal(PromptLanguage.Uk, (await Reviews.QueueAsync(0, 10, Clock.GetUtcNow(), default))[^1].Language);
    }

    [StoreFact]
    public async Task Resolving_writes_the_audit_line_in_the_same_transaction()
    {
        var meter = await MeterAsync();
        await QueuedCallAsync("v-5", meterId: meter.Id);
        await Reviews.ResolveAsync(Close("v-5", "ivanova", ReviewOutcome.ReadingsConfirmed,
            readings: [new StaffReading(meter.Id, Zone.Total, 6116, Nov, SubmissionChannel.Voice, ReadingFlags.LowerThanPrevious)]), default);
        var line = (await Audit.ListAsync(new AuditFilter(Target: "v-5"), default)).Entries.Single().Entry;
        Assert.Equal(("ivanova", AuditActions.ReviewResolved, "10.0.0.7"), (line.Actor, line.Action, line.Address));
        Assert.Equal($"ReadingsConfirmed; meter {meter.Id} Total 6116 Voice LowerThanPrevious", line.Detail);
        Assert.Equal((SubmissionChannel.Voice, ReadingFlags.LowerThanPrevious, "ivanova"),
            (await Readings.HistoryAsync(meter.Id, default)).Select(r => (r.Channel, r.Flags, r.EnteredBy)).Single());

        // A resolution that fails stores neither the readings nor the audit line.
        await QueuedCallAsync("v-6", meterId: meter.Id);
        await Assert.ThrowsAsync<ArgumentException>(() => Reviews.ResolveAsync(Close("v-6", "ivanova", ReviewOutcome.ReadingsConfirmed,
            readings: [new StaffReading(meter.Id, Zone.Total, 10, Nov), new StaffReading(987_654, Zone.Total, 10, Nov)]), default));
        Assert.Empty((await Audit.ListAsync(new AuditFilter(Target: "v-6"), default)).Entries);
        Assert.Null((await Calls.GetAsync("v-6", default))!.ReviewedBy);
        Assert.Equal(RecognitionStatus.Uncertain, (await Recordings.ForCallAsync("v-6", default)).Single().Status);
        Assert.Equal(1, await Reviews.CountAsync(default));
    }
}
