using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlRecordingStore(Database db) : IRecordingStore
{
    public Task<Recording> AddAsync(NewRecording recording, bool enqueue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (Path.IsPathRooted(recording.FilePath))
            throw new ArgumentException("Recording paths are relative to the recordings directory, so the directory can move.", nameof(recording));
        return db.WriteAsync(async (s, ct) =>
        {
            var id = await Rows.ScalarAsync(s.Command("""
                INSERT INTO recordings (call_id, step, file_path, recorded_at, account_number, meter_id, zone, status)
                VALUES (@call, @step, @path, @at, @account, @meter, @zone, 'Pending')
                RETURNING id
                """)
                .Set("@call", recording.CallId).Set("@step", recording.Step).Set("@path", recording.FilePath).Set("@at", DbValues.ToDb(recording.RecordedAt))
                .Set("@account", recording.AccountNumber).Set("@meter", recording.MeterId).Set("@zone", recording.Zone?.ToString()), ct).ConfigureAwait(false);
            if (enqueue) await EnqueueAsync(s, id, recording.RecordedAt, ct).ConfigureAwait(false);
            return new Recording(id, recording.CallId, recording.Step, recording.FilePath, DbValues.FromDb(DbValues.ToDb(recording.RecordedAt)),
                recording.AccountNumber, recording.MeterId, recording.Zone, null, null, RecognitionStatus.Pending);
        }, cancellationToken, Deadline.Caller);
    }

    public Task<Recording?> GetAsync(long recordingId, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (await Rows.ListAsync(s.Command($"SELECT {Rows.RecordingColumns} FROM recordings WHERE id = @id").Set("@id", recordingId),
            Rows.Recording, ct).ConfigureAwait(false)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<Recording>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Recording>>(async (s, ct) => await Rows.ListAsync(
            s.Command($"SELECT {Rows.RecordingColumns} FROM recordings WHERE call_id = @c ORDER BY id").Set("@c", callId),
            Rows.Recording, ct).ConfigureAwait(false), cancellationToken);

    public Task SaveAudioAsync(long recordingId, RecordingAudio audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return db.WriteAsync((s, ct) => s.Command("""
            INSERT INTO recording_audio (recording_id, content_type, bytes) VALUES (@id, @type, @bytes)
            ON CONFLICT (recording_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes
            """).Set("@id", recordingId).Set("@type", audio.ContentType).Set("@bytes", audio.Bytes).ExecuteNonQueryAsync(ct), cancellationToken);
    }

    public Task<RecordingAudio?> AudioAsync(long recordingId, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) =>
        {
            await using var reader = await s.Command("SELECT content_type, bytes FROM recording_audio WHERE recording_id = @id").Set("@id", recordingId)
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new RecordingAudio(reader.GetString(0), reader.GetFieldValue<byte[]>(1))
                : null;
        }, cancellationToken);

    public Task SetRecognitionAsync(long recordingId, RecognitionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return db.WriteAsync((s, ct) => SetResultAsync(s, recordingId, result, ct), cancellationToken, Deadline.Caller);
    }

    private static Task<int> SetResultAsync(DbSession s, long recordingId, RecognitionResult result, CancellationToken ct) =>
        s.Command("UPDATE recordings SET recognized_text = @text, alternatives_json = @alt, status = @status WHERE id = @id")
            .Set("@text", result.Text).Set("@alt", result.AlternativesJson).Set("@status", result.Status.ToString()).Set("@id", recordingId)
            .ExecuteNonQueryAsync(ct);

    public Task EnqueueAsync(long recordingId, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => EnqueueAsync(s, recordingId, notBefore, ct), cancellationToken, Deadline.Caller);

    private static async Task<int> EnqueueAsync(DbSession s, long recordingId, DateTimeOffset notBefore, CancellationToken ct)
    {
        await s.Command("UPDATE recordings SET status = 'Pending' WHERE id = @id").Set("@id", recordingId).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return await s.Command("""
            INSERT INTO recognition_queue (recording_id, not_before, attempts) VALUES (@r, @nb, 0)
            ON CONFLICT (recording_id) DO UPDATE SET not_before = excluded.not_before, lease_until = NULL, worker = NULL
            """).Set("@r", recordingId).Set("@nb", DbValues.ToDb(notBefore)).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public Task<RecognitionJob?> ClaimNextAsync(string worker, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        if (lease <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lease), lease, "A lease must be positive.");
        return db.WriteAsync(async (s, ct) =>
        {
            var nowDb = DbValues.ToDb(now);
            var claimed = await Rows.ListAsync(s.Command($"""
                UPDATE recognition_queue SET attempts = attempts + 1, lease_until = @until, worker = @worker
                WHERE id = (SELECT id FROM recognition_queue
                            WHERE not_before <= @now AND (lease_until IS NULL OR lease_until <= @now)
                            ORDER BY not_before, id LIMIT 1{s.Dialect.SkipLocked})
                RETURNING id, recording_id, attempts
                """).Set("@until", DbValues.ToDb(now + lease)).Set("@worker", worker).Set("@now", nowDb),
                r => (Id: r.Int64(0), RecordingId: r.Int64(1), Attempts: r.Int32(2)), ct).ConfigureAwait(false);
            if (claimed.Count == 0) return null;
            var job = claimed[0];
            var path = await s.Command("SELECT file_path FROM recordings WHERE id = @id").Set("@id", job.RecordingId).ExecuteScalarAsync(ct).ConfigureAwait(false);
            return new RecognitionJob(job.Id, job.RecordingId, (string)path!, job.Attempts, DbValues.FromDb(DbValues.ToDb(now + lease)), worker);
        }, cancellationToken);
    }

    public Task<bool> RenewAsync(RecognitionJob job, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return db.WriteAsync(async (s, ct) => await s.Command("""
            UPDATE recognition_queue SET lease_until = @until WHERE id = @id AND worker = @worker AND attempts = @attempts
            """).Set("@until", DbValues.ToDb(until)).Set("@id", job.Id).Set("@worker", job.Worker).Set("@attempts", job.Attempts)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public Task<bool> CompleteAsync(RecognitionJob job, RecognitionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);
        return db.WriteAsync(async (s, ct) =>
        {
            if (!await RemoveIfStillOwnedAsync(s, job, ct).ConfigureAwait(false)) return false;
            await SetResultAsync(s, job.RecordingId, result, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> FailAsync(RecognitionJob job, string error, DateTimeOffset retryAt, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return db.WriteAsync(async (s, ct) =>
        {
            if (job.Attempts >= maxAttempts)
            {
                if (!await RemoveIfStillOwnedAsync(s, job, ct).ConfigureAwait(false)) return false;
                await s.Command("UPDATE recordings SET status = 'Failed' WHERE id = @id").Set("@id", job.RecordingId).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return false;
            }

            await s.Command("""
                UPDATE recognition_queue SET lease_until = NULL, worker = NULL, not_before = @retry, last_error = @error
                WHERE id = @id AND worker = @worker AND attempts = @attempts
                """).Set("@retry", DbValues.ToDb(retryAt)).Set("@error", error).Set("@id", job.Id).Set("@worker", job.Worker).Set("@attempts", job.Attempts)
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>A worker whose lease ran out and whose job another worker claimed must not complete it a second time.</summary>
    private static async Task<bool> RemoveIfStillOwnedAsync(DbSession s, RecognitionJob job, CancellationToken ct) =>
        await s.Command("DELETE FROM recognition_queue WHERE id = @id AND worker = @worker AND attempts = @attempts")
            .Set("@id", job.Id).Set("@worker", job.Worker).Set("@attempts", job.Attempts).ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;

    public Task<int> QueueLengthAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (int)await Rows.ScalarAsync(s.Command("SELECT COUNT(*) FROM recognition_queue"), ct).ConfigureAwait(false), cancellationToken);
}
