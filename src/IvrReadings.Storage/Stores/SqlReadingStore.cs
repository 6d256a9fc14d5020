using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlReadingStore(Database db) : IReadingStore
{
    private const int AutoFillChunk = 500;

    public Task<IReadOnlyList<Reading>> SubmitAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count == 0) return Task.FromResult<IReadOnlyList<Reading>>([]);
        foreach (var reading in readings)
            if (reading.Value < 0) throw new ArgumentOutOfRangeException(nameof(readings), reading.Value, "A reading cannot be negative.");
        return db.WriteAsync<IReadOnlyList<Reading>>(async (s, ct) =>
        {
            var stored = new List<Reading>(readings.Count);
            foreach (var reading in readings) stored.Add(await InsertAsync(s, reading, ct).ConfigureAwait(false));
            return stored;
        }, cancellationToken);
    }

    internal static async Task<Reading> InsertAsync(DbSession s, NewReading r, CancellationToken ct)
    {
        var command = s.Command("""
            INSERT INTO readings (meter_id, zone, value, period, submitted_at, channel, status, flags, caller_number, call_id, entered_by)
            VALUES (@meter, @zone, @value, @period, @at, @channel, @status, @flags, @caller, @call, @by)
            RETURNING id
            """)
            .Set("@meter", r.MeterId).Set("@zone", r.Zone.ToString()).Set("@value", r.Value).Set("@period", r.Period.Key)
            .Set("@at", DbValues.ToDb(r.SubmittedAt)).Set("@channel", r.Channel.ToString()).Set("@status", r.Status.ToString())
            .Set("@flags", (int)r.Flags).Set("@caller", r.CallerNumber).Set("@call", r.CallId).Set("@by", r.EnteredBy);
        var id = await Rows.ScalarAsync(command, ct).ConfigureAwait(false);
        // Read back through the same encoding so the caller sees exactly what a later read returns (microsecond UTC).
        return new Reading(id, r.MeterId, r.Zone, r.Value, r.Period, DbValues.FromDb(DbValues.ToDb(r.SubmittedAt)), r.Channel, r.Status, r.Flags,
            r.CallerNumber, r.CallId, r.EnteredBy);
    }

    public Task<IReadOnlyList<Reading>> HistoryAsync(long meterId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Reading>>((s, ct) => HistoryAsync(s, meterId, ct), cancellationToken);

    internal static async Task<IReadOnlyList<Reading>> HistoryAsync(DbSession s, long meterId, CancellationToken ct) =>
        await Rows.ListAsync(s.Command($"SELECT {Rows.ReadingColumns} FROM readings WHERE meter_id = @m ORDER BY submitted_at, id").Set("@m", meterId),
            Rows.Reading, ct).ConfigureAwait(false);

    public Task<IReadOnlyList<Reading>> AccountHistoryAsync(string accountNumber, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Reading>>(async (s, ct) => await Rows.ListAsync(
            s.Command($"SELECT {Rows.ReadingColumns} FROM readings WHERE meter_id IN (SELECT id FROM meters WHERE account_number = @a) ORDER BY submitted_at, id")
                .Set("@a", accountNumber), Rows.Reading, ct).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<Reading>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Reading>>(async (s, ct) => await Rows.ListAsync(
            s.Command($"SELECT {Rows.ReadingColumns} FROM readings WHERE call_id = @c ORDER BY submitted_at, id").Set("@c", callId),
            Rows.Reading, ct).ConfigureAwait(false), cancellationToken);

    public async Task<AutoFillSummary> AutoFillAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var started = await db.WriteAsync(async (s, ct) =>
        {
            await s.Command("INSERT INTO autofill_runs (period, started_at, meters, readings) VALUES (@p, @at, 0, 0) ON CONFLICT (period) DO NOTHING")
                .Set("@p", period.Key).Set("@at", DbValues.ToDb(at)).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return await Rows.ScalarAsync(s.Command("SELECT COUNT(*) FROM autofill_runs WHERE period = @p AND finished_at IS NULL").Set("@p", period.Key), ct)
                .ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
        if (!started) return new AutoFillSummary(false, 0, 0);

        // Chunks keep the SQLite writer free for callers between them. Each chunk re-checks, under the run row's lock,
        // that the meter has no reading of the period, so a crash mid-way or a second server resumes without doubling.
        long cursor = 0;
        var meters = 0;
        var readings = 0;
        while (true)
        {
            var chunk = await db.WriteAsync(async (s, ct) =>
            {
                var run = await Rows.ListAsync(s.Command($"SELECT finished_at FROM autofill_runs WHERE period = @p{s.Dialect.ForUpdate}")
                    .Set("@p", period.Key), r => r.NullableInt64(0), ct).ConfigureAwait(false);
                if (run.Count == 0 || run[0] is not null) return (Last: long.MaxValue, Meters: 0, Readings: 0);
                var candidates = await Rows.ListAsync(s.Command($"""
                    SELECT {Rows.MeterColumns} FROM meters m
                    WHERE m.autofill IS NOT NULL AND m.id > @cursor
                      AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.meter_id = m.id AND r.period = @p)
                    ORDER BY m.id LIMIT {AutoFillChunk}
                    """).Set("@cursor", cursor).Set("@p", period.Key), Rows.Meter, ct).ConfigureAwait(false);
                var filledMeters = 0;
                var filledReadings = 0;
                foreach (var meter in candidates)
                {
                    var plan = AutoFill.Plan(meter, await HistoryAsync(s, meter.Id, ct).ConfigureAwait(false), period, at);
                    foreach (var reading in plan) await InsertAsync(s, reading, ct).ConfigureAwait(false);
                    if (plan.Count > 0) filledMeters++;
                    filledReadings += plan.Count;
                }

                var last = candidates.Count < AutoFillChunk ? long.MaxValue : candidates[^1].Id;
                await s.Command("UPDATE autofill_runs SET meters = meters + @m, readings = readings + @r WHERE period = @p")
                    .Set("@m", filledMeters).Set("@r", filledReadings).Set("@p", period.Key).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (last == long.MaxValue)
                {
                    await s.Command("UPDATE autofill_runs SET finished_at = @at WHERE period = @p")
                        .Set("@at", DbValues.ToDb(at)).Set("@p", period.Key).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                return (Last: last, Meters: filledMeters, Readings: filledReadings);
            }, cancellationToken).ConfigureAwait(false);
            meters += chunk.Meters;
            readings += chunk.Readings;
            if (chunk.Last == long.MaxValue) break;
            cursor = chunk.Last;
        }

        return new AutoFillSummary(true, meters, readings);
    }
}
