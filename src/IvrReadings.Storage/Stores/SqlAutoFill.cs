using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

/// <summary>
/// Auto-fill of a period with any number of servers on one database. The period's row in <c>autofill_runs</c> is a
/// lease: a run first claims it (creates it, or takes it over once the holder's lease has run out), then fills the
/// meters in chunks, each its own transaction that locks the row, checks the lease is still its own and renews it.
/// So one server at a time fills a period, and the others leave it alone instead of racing through the same meters;
/// a server killed mid-run leaves a lease that runs out, and whichever server checks next resumes where it stopped
/// (a chunk skips every meter that already has a reading of the period, so nothing is filled twice).
/// </summary>
internal sealed class SqlAutoFill(Database db, TimeProvider time)
{
    /// <summary>
    /// How long a claim holds without renewal. A chunk takes well under a second, so a holder that has not renewed for
    /// this long is gone (or cut off from the database).
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Meters per transaction: keeps the SQLite writer free for callers between chunks.</summary>
    private const int Chunk = 500;

    public async Task<AutoFillSummary> RunAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Each run its own owner, so two runs in one process exclude each other as runs on two servers do.
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";
        var claim = await ClaimAsync(period, at, owner, cancellationToken).ConfigureAwait(false);
        if (claim.Finished) return new AutoFillSummary(false, 0, 0);
        if (claim.Holder != owner) return new AutoFillSummary(false, 0, 0) { RunningOn = claim.Holder };

        long cursor = 0;
        var meters = 0;
        var readings = 0;
        while (true)
        {
            var chunk = await db.WriteAsync((s, ct) => FillChunkAsync(s, period, at, owner, cursor, ct), cancellationToken).ConfigureAwait(false);
            meters += chunk.Meters;
            readings += chunk.Readings;
            if (chunk.LostTo is { } other) return new AutoFillSummary(false, meters, readings) { RunningOn = other };
            if (chunk.Last == long.MaxValue) return new AutoFillSummary(true, meters, readings);
            cursor = chunk.Last;
        }
    }

    private Task<(bool Finished, string? Holder)> ClaimAsync(BillingPeriod period, DateTimeOffset at, string owner, CancellationToken cancellationToken) =>
        db.WriteAsync(async (s, ct) =>
        {
            var now = time.GetUtcNow();
            // Takes the row only when the run is unfinished and nobody's lease is running (NULL: a run started by a
            // version without leases). Concurrent claims queue on the row: the first one's lease stops the rest.
            await s.Command("""
                INSERT INTO autofill_runs (period, started_at, meters, readings, owner, lease_until) VALUES (@p, @at, 0, 0, @owner, @until)
                ON CONFLICT (period) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
                WHERE autofill_runs.finished_at IS NULL AND (autofill_runs.lease_until IS NULL OR autofill_runs.lease_until < @now)
                """)
                .Set("@p", period.Key).Set("@at", DbValues.ToDb(at)).Set("@owner", owner).Set("@until", DbValues.ToDb(now + Lease))
                .Set("@now", DbValues.ToDb(now)).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            var row = await Rows.ListAsync(s.Command("SELECT finished_at, owner FROM autofill_runs WHERE period = @p").Set("@p", period.Key),
                r => (Finished: r.NullableInt64(0) is not null, Holder: r.NullableString(1)), ct).ConfigureAwait(false);
            return row[0];
        }, cancellationToken);

    private async Task<(long Last, int Meters, int Readings, string? LostTo)> FillChunkAsync(DbSession s, BillingPeriod period, DateTimeOffset at,
        string owner, long cursor, CancellationToken ct)
    {
        var run = await Rows.ListAsync(s.Command($"SELECT finished_at, owner FROM autofill_runs WHERE period = @p{s.Dialect.ForUpdate}")
            .Set("@p", period.Key), r => (Finished: r.NullableInt64(0) is not null, Holder: r.NullableString(1)), ct).ConfigureAwait(false);
        if (run.Count == 0 || run[0].Finished || run[0].Holder != owner) return (long.MaxValue, 0, 0, run.Count == 0 ? "?" : run[0].Holder ?? "?");

        var candidates = await Rows.ListAsync(s.Command($"""
            SELECT {Rows.MeterColumns} FROM meters m
            WHERE m.autofill IS NOT NULL AND m.id > @cursor
              AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.meter_id = m.id AND r.period = @p)
            ORDER BY m.id LIMIT {Chunk}
            """).Set("@cursor", cursor).Set("@p", period.Key), Rows.Meter, ct).ConfigureAwait(false);
        var filledMeters = 0;
        var filledReadings = 0;
        foreach (var meter in candidates)
        {
            var plan = AutoFill.Plan(meter, await SqlReadingStore.HistoryAsync(s, meter.Id, ct).ConfigureAwait(false), period, at);
            foreach (var reading in plan) await SqlReadingStore.InsertAsync(s, reading, ct).ConfigureAwait(false);
            if (plan.Count > 0) filledMeters++;
            filledReadings += plan.Count;
        }

        var last = candidates.Count < Chunk ? long.MaxValue : candidates[^1].Id;
        // Renewed with every chunk; the last one closes the run (the owner stays: which server did it).
        await s.Command("""
            UPDATE autofill_runs SET meters = meters + @m, readings = readings + @r, lease_until = @until, finished_at = @finished
            WHERE period = @p
            """)
            .Set("@m", filledMeters).Set("@r", filledReadings).Set("@p", period.Key)
            .Set("@until", last == long.MaxValue ? (long?)null : DbValues.ToDb(time.GetUtcNow() + Lease))
            .Set("@finished", last == long.MaxValue ? DbValues.ToDb(at) : (long?)null)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return (last, filledMeters, filledReadings, null);
    }
}
