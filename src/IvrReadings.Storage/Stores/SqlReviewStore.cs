using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlReviewStore(Database db) : IReviewStore
{
    // A recording is unresolved when the machine gave up on it, or it is Pending and either no job is left to
    // process it or the call is over: once the caller is gone staff can listen at once, whatever the queue does
    // (with no model installed the queue would take minutes to give up).
    private const string Pending = """
        FROM calls c
        WHERE c.channel = 'Voice' AND c.reviewed_at IS NULL
          AND (EXISTS (SELECT 1 FROM readings r WHERE r.call_id = c.call_id AND r.status = 'NeedsReview')
               OR EXISTS (SELECT 1 FROM recordings g WHERE g.call_id = c.call_id
                          AND (g.status IN ('Uncertain', 'NoSpeech', 'Failed')
                               OR (g.status = 'Pending' AND (c.ended_at IS NOT NULL
                                                             OR NOT EXISTS (SELECT 1 FROM recognition_queue q WHERE q.recording_id = g.id))))))
        """;

    public Task<IReadOnlyList<ReviewItem>> QueueAsync(int skip, int take, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ReviewItem>>(async (s, ct) => await Rows.ListAsync(s.Command($"""
                SELECT c.call_id, c.started_at, c.caller_number, c.account_number,
                       (SELECT COUNT(*) FROM readings r WHERE r.call_id = c.call_id AND r.status = 'NeedsReview'),
                       (SELECT COUNT(*) FROM recordings g WHERE g.call_id = c.call_id AND g.status NOT IN ('Recognized', 'Resolved'))
                {Pending}
                ORDER BY c.started_at, c.call_id
                LIMIT @take OFFSET @skip
                """).Set("@take", Math.Clamp(take, 1, 1000)).Set("@skip", Math.Max(0, skip)),
            r => new ReviewItem(r.GetString(0), DbValues.FromDb(r.Int64(1)), r.NullableString(2), r.NullableString(3), r.Int32(4), r.Int32(5)), ct)
            .ConfigureAwait(false), cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        db.ReadAsync((s, ct) => CountAsync(s, ct), cancellationToken);

    internal static async Task<int> CountAsync(DbSession s, CancellationToken ct) =>
        (int)await Rows.ScalarAsync(s.Command($"SELECT COUNT(*) {Pending}"), ct).ConfigureAwait(false);

    public Task<IReadOnlyList<Reading>> ResolveAsync(ReviewResolution resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution.StaffLogin);
        return db.WriteAsync<IReadOnlyList<Reading>>(async (s, ct) =>
        {
            var call = await Rows.ListAsync(s.Command($"SELECT caller_number FROM calls WHERE call_id = @id{s.Dialect.ForUpdate}").Set("@id", resolution.CallId),
                r => r.NullableString(0), ct).ConfigureAwait(false);
            if (call.Count == 0) throw new KeyNotFoundException($"No call {resolution.CallId}.");
            var stored = new List<Reading>(resolution.Readings.Count);
            foreach (var r in resolution.Readings)
            {
                if (r.Value < 0) throw new ArgumentOutOfRangeException(nameof(resolution), r.Value, "A reading cannot be negative.");
                stored.Add(await SqlReadingStore.InsertAsync(s, new NewReading(r.MeterId, r.Zone, r.Value, r.Period, resolution.At, SubmissionChannel.Staff,
                    ReadingStatus.Accepted, ReadingFlags.StaffCorrected, call[0], resolution.CallId, resolution.StaffLogin), ct).ConfigureAwait(false));
            }

            await s.Command("UPDATE recordings SET status = 'Resolved' WHERE call_id = @id AND status <> 'Recognized'")
                .Set("@id", resolution.CallId).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await s.Command("DELETE FROM recognition_queue WHERE recording_id IN (SELECT id FROM recordings WHERE call_id = @id)")
                .Set("@id", resolution.CallId).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await s.Command("UPDATE calls SET reviewed_by = @by, reviewed_at = @at WHERE call_id = @id")
                .Set("@by", resolution.StaffLogin).Set("@at", DbValues.ToDb(resolution.At)).Set("@id", resolution.CallId).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(resolution.Note))
            {
                await s.Command("INSERT INTO call_events (call_id, at, kind, step, text, data) VALUES (@id, @at, 'Note', 'review', @text, NULL)")
                    .Set("@id", resolution.CallId).Set("@at", DbValues.ToDb(resolution.At)).Set("@text", resolution.Note).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return stored;
        }, cancellationToken);
    }
}
