using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

/// <summary>
/// The review queue, its claims and its outcomes. A call's review state lives in <c>call_reviews</c> (one row per call once
/// claimed or reviewed); <c>calls.reviewed_by/at</c> keep the last review for the call list.
/// </summary>
internal sealed class SqlReviewStore(Database db) : IReviewStore
{
    // A recording is unresolved when the machine gave up on it, or it is Pending and either no job is left to
    // process it or the call is over: once the caller is gone staff can listen at once, whatever the queue does
    // (with no model installed the queue would take minutes to give up).
    private const string Pending = """
        FROM calls c LEFT JOIN call_reviews v ON v.call_id = c.call_id
        WHERE c.channel = 'Voice' AND c.reviewed_at IS NULL
          AND (EXISTS (SELECT 1 FROM readings r WHERE r.call_id = c.call_id AND r.status = 'NeedsReview')
               OR EXISTS (SELECT 1 FROM recordings g WHERE g.call_id = c.call_id
                          AND (g.status IN ('Uncertain', 'NoSpeech', 'Failed')
                               OR (g.status = 'Pending' AND (c.ended_at IS NOT NULL
                                                             OR NOT EXISTS (SELECT 1 FROM recognition_queue q WHERE q.recording_id = g.id))))))
        """;

    private const string StateColumns = "version, outcome, reviewed_by, reviewed_at, note, callback_number, claimed_by, claimed_until";

    // Takes the claim when it is free, already the claimant's, run out, or taken over; never creates a row for an unknown call.
    private const string Claim = """
        INSERT INTO call_reviews (call_id, version, claimed_by, claimed_until)
        SELECT @id, 0, @me, @until WHERE EXISTS (SELECT 1 FROM calls WHERE call_id = @id)
        ON CONFLICT (call_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
        WHERE call_reviews.claimed_by IS NULL OR call_reviews.claimed_by = @me OR call_reviews.claimed_until IS NULL
           OR call_reviews.claimed_until <= @now OR @takeover = 1
        """;

    private static ReviewState MapState(System.Data.Common.DbDataReader r) => new(
        r.Int32(0), r.NullableString(1) is { } outcome ? DbValues.Enum<ReviewOutcome>(outcome) : null, r.NullableString(2),
        r.NullableInt64(3) is { } at ? DbValues.FromDb(at) : null, r.NullableString(4), r.NullableString(5), r.NullableString(6),
        r.NullableInt64(7) is { } until ? DbValues.FromDb(until) : null);

    public Task<IReadOnlyList<ReviewItem>> QueueAsync(int skip, int take, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ReviewItem>>(async (s, ct) => await Rows.ListAsync(s.Command($"""
                SELECT c.call_id, c.started_at, c.caller_number, c.account_number,
                       (SELECT COUNT(*) FROM readings r WHERE r.call_id = c.call_id AND r.status = 'NeedsReview'),
                       (SELECT COUNT(*) FROM recordings g WHERE g.call_id = c.call_id AND g.status NOT IN ('Recognized', 'Resolved')),
                       c.language,
                       CASE WHEN v.claimed_until > @now THEN v.claimed_by END,
                       CASE WHEN v.claimed_until > @now THEN v.claimed_until END
                {Pending}
                ORDER BY c.started_at, c.call_id
                LIMIT @take OFFSET @skip
                """).Set("@take", Math.Clamp(take, 1, 1000)).Set("@skip", Math.Max(0, skip)).Set("@now", DbValues.ToDb(now)),
            r => new ReviewItem(r.GetString(0), DbValues.FromDb(r.Int64(1)), r.NullableString(2), r.NullableString(3), r.Int32(4), r.Int32(5),
                DbValues.Enum<PromptLanguage>(r.GetString(6)), r.NullableString(7), r.NullableInt64(8) is { } until ? DbValues.FromDb(until) : null), ct)
            .ConfigureAwait(false), cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        db.ReadAsync((s, ct) => CountAsync(s, ct), cancellationToken);

    internal static async Task<int> CountAsync(DbSession s, CancellationToken ct) =>
        (int)await Rows.ScalarAsync(s.Command($"SELECT COUNT(*) {Pending}"), ct).ConfigureAwait(false);

    public Task<QueueStats> StatsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) =>
        {
            var rows = await Rows.ListAsync(s.Command($"""
                    SELECT c.language, COUNT(*), MIN(c.started_at), SUM(CASE WHEN v.claimed_until > @now THEN 1 ELSE 0 END)
                    {Pending}
                    GROUP BY c.language
                    """).Set("@now", DbValues.ToDb(now)),
                r => (Language: DbValues.Enum<PromptLanguage>(r.GetString(0)), Count: r.Int32(1), Oldest: r.Int64(2), Claimed: r.Int32(3)), ct).ConfigureAwait(false);
            return new QueueStats(
                rows.Sum(r => r.Count),
                rows.Count == 0 ? null : DbValues.FromDb(rows.Min(r => r.Oldest)),
                rows.ToDictionary(r => r.Language, r => r.Count),
                rows.Sum(r => r.Claimed));
        }, cancellationToken);

    public Task<ReviewState> StateAsync(string callId, CancellationToken cancellationToken) =>
        db.ReadAsync((s, ct) => StateAsync(s, callId, forUpdate: false, ct), cancellationToken);

    private static async Task<ReviewState> StateAsync(DbSession s, string callId, bool forUpdate, CancellationToken ct) =>
        (await Rows.ListAsync(s.Command($"SELECT {StateColumns} FROM call_reviews WHERE call_id = @id{(forUpdate ? s.Dialect.ForUpdate : string.Empty)}")
            .Set("@id", callId), MapState, ct).ConfigureAwait(false)).FirstOrDefault() ?? ReviewState.New;

    public Task<ClaimResult> ClaimAsync(string callId, string login, DateTimeOffset now, TimeSpan hold, bool takeOver, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        return db.WriteAsync(async (s, ct) =>
        {
            var before = await StateAsync(s, callId, forUpdate: true, ct).ConfigureAwait(false);
            await ClaimCommand(s, callId, login, now, hold, takeOver).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            var after = await StateAsync(s, callId, forUpdate: false, ct).ConfigureAwait(false);
            var holder = after.HolderAt(now);
            var previous = before.HolderAt(now);
            if (takeOver && holder == login && previous is not null && previous != login)
            {
                await SqlAuditLog.InsertAsync(s, new AuditEntry(now, login, AuditActions.ClaimTakenOver, callId, "from " + previous), ct).ConfigureAwait(false);
            }

            return new ClaimResult(holder == login, holder, holder is null ? null : after.ClaimedUntil);
        }, cancellationToken);
    }

    private static System.Data.Common.DbCommand ClaimCommand(DbSession s, string callId, string login, DateTimeOffset now, TimeSpan hold, bool takeOver) =>
        s.Command(Claim).Set("@id", callId).Set("@me", login).Set("@until", DbValues.ToDb(now + hold)).Set("@now", DbValues.ToDb(now))
            .Set("@takeover", takeOver ? 1 : 0);

    public Task<string?> ClaimNextAsync(string login, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        return db.WriteAsync(async (s, ct) =>
        {
            // The calls nobody else holds, the claimant's own first and the ones they put back last; each is claimed in
            // turn (another server may win one meanwhile).
            var candidates = await Rows.ListAsync(s.Command($"""
                    SELECT c.call_id
                    {Pending}
                      AND (v.claimed_by IS NULL OR v.claimed_by = @me OR v.claimed_until IS NULL OR v.claimed_until <= @now)
                    ORDER BY CASE WHEN v.claimed_by = @me AND v.claimed_until > @now THEN 0 WHEN v.put_back_by = @me THEN 2 ELSE 1 END,
                        c.started_at, c.call_id
                    LIMIT 20
                    """).Set("@me", login).Set("@now", DbValues.ToDb(now)), r => r.GetString(0), ct).ConfigureAwait(false);
            foreach (var callId in candidates)
            {
                await ClaimCommand(s, callId, login, now, hold, takeOver: false).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if ((await StateAsync(s, callId, forUpdate: false, ct).ConfigureAwait(false)).HolderAt(now) == login) return callId;
            }

            return null;
        }, cancellationToken);
    }

    public Task ReleaseAsync(string callId, string login, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => s.Command("""
                UPDATE call_reviews SET claimed_by = NULL, claimed_until = NULL, put_back_by = @me, put_back_at = @now
                WHERE call_id = @id AND claimed_by = @me
                """).Set("@id", callId).Set("@me", login).Set("@now", DbValues.ToDb(now)).ExecuteNonQueryAsync(ct), cancellationToken);

    public Task<IReadOnlyList<Reading>> ResolveAsync(ReviewResolution resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution.StaffLogin);
        foreach (var r in resolution.Readings)
            if (r.Value < 0) throw new ArgumentOutOfRangeException(nameof(resolution), r.Value, "A reading cannot be negative.");
        if (resolution.Outcome == ReviewOutcome.ReadingsConfirmed && resolution.Readings.Count == 0)
            throw new ArgumentException("Confirming readings needs at least one reading.", nameof(resolution));
        if (resolution.Outcome != ReviewOutcome.ReadingsConfirmed && resolution.Readings.Count > 0)
            throw new ArgumentException($"A review closed as {resolution.Outcome} stores no readings.", nameof(resolution));
        return db.WriteAsync<IReadOnlyList<Reading>>(async (s, ct) =>
        {
            var id = resolution.CallId;
            var call = await Rows.ListAsync(s.Command($"SELECT caller_number FROM calls WHERE call_id = @id{s.Dialect.ForUpdate}").Set("@id", id),
                r => r.NullableString(0), ct).ConfigureAwait(false);
            if (call.Count == 0) throw new KeyNotFoundException($"No call {id}.");
            var state = await StateAsync(s, id, forUpdate: true, ct).ConfigureAwait(false);
            if (state.Version != resolution.ExpectedVersion) throw new ReviewConflictException(state);

            var stored = new List<Reading>(resolution.Readings.Count);
            foreach (var r in resolution.Readings)
            {
                stored.Add(await SqlReadingStore.InsertAsync(s, new NewReading(r.MeterId, r.Zone, r.Value, r.Period, resolution.At, r.Channel,
                    ReadingStatus.Accepted, r.Flags, call[0], id, resolution.StaffLogin), ct).ConfigureAwait(false));
            }

            var at = DbValues.ToDb(resolution.At);
            await s.Command("UPDATE recordings SET status = 'Resolved' WHERE call_id = @id AND status <> 'Recognized'")
                .Set("@id", id).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await s.Command("DELETE FROM recognition_queue WHERE recording_id IN (SELECT id FROM recordings WHERE call_id = @id)")
                .Set("@id", id).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await s.Command("UPDATE calls SET reviewed_by = @by, reviewed_at = @at WHERE call_id = @id")
                .Set("@by", resolution.StaffLogin).Set("@at", at).Set("@id", id).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await s.Command("""
                    INSERT INTO call_reviews (call_id, version, outcome, note, callback_number, reviewed_by, reviewed_at, claimed_by, claimed_until)
                    VALUES (@id, @version, @outcome, @note, @callback, @by, @at, NULL, NULL)
                    ON CONFLICT (call_id) DO UPDATE SET version = excluded.version, outcome = excluded.outcome, note = excluded.note,
                        callback_number = excluded.callback_number, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at,
                        claimed_by = NULL, claimed_until = NULL
                    """).Set("@id", id).Set("@version", state.Version + 1).Set("@outcome", resolution.Outcome.ToString())
                .Set("@note", resolution.Note).Set("@callback", resolution.CallbackNumber).Set("@by", resolution.StaffLogin).Set("@at", at)
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(resolution.Note))
            {
                await s.Command("INSERT INTO call_events (call_id, at, kind, step, text, data) VALUES (@id, @at, 'Note', 'review', @text, NULL)")
                    .Set("@id", id).Set("@at", at).Set("@text", resolution.Note).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await SqlAuditLog.InsertAsync(s, new AuditEntry(resolution.At, resolution.StaffLogin, AuditActions.ReviewResolved, id,
                Describe(resolution, stored), resolution.Address), ct).ConfigureAwait(false);
            return stored;
        }, cancellationToken);
    }

    /// <summary>"ReadingsConfirmed: meter 12 Day 15120 Staff StaffCorrected; ..." or the outcome with its note and number.</summary>
    private static string Describe(ReviewResolution resolution, IReadOnlyList<Reading> stored)
    {
        var parts = new List<string> { resolution.Outcome.ToString() };
        parts.AddRange(stored.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"meter {r.MeterId} {r.Zone} {r.Value} {r.Channel}{(r.Flags == ReadingFlags.None ? string.Empty : " " + r.Flags)}")));
        if (!string.IsNullOrWhiteSpace(resolution.CallbackNumber)) parts.Add("call back " + resolution.CallbackNumber);
        if (!string.IsNullOrWhiteSpace(resolution.Note)) parts.Add(resolution.Note);
        return string.Join("; ", parts);
    }
}
