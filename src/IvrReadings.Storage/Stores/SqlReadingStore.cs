using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlReadingStore(Database db, TimeProvider time) : IReadingStore
{
    private readonly SqlAutoFill autoFill = new(db, time);

    public Task<IReadOnlyList<Reading>> SubmitAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken) =>
        StoreAsync(db, readings, Deadline.Caller, cancellationToken);

    /// <summary>The readings in one transaction under <paramref name="deadline"/>: a caller's, or bulk work's (<see cref="SqlBillingStore.ImportReadingsAsync"/>).</summary>
    internal static Task<IReadOnlyList<Reading>> StoreAsync(Database db, IReadOnlyList<NewReading> readings, Deadline deadline, CancellationToken cancellationToken)
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
        }, cancellationToken, deadline);
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
            .Set("@flags", (int)r.Flags).Set("@caller", CallerNumber.Normalize(r.CallerNumber)).Set("@call", r.CallId).Set("@by", r.EnteredBy);
        var id = await Rows.ScalarAsync(command, ct).ConfigureAwait(false);
        // Read back through the same encoding so the caller sees exactly what a later read returns (microsecond UTC).
        return new Reading(id, r.MeterId, r.Zone, r.Value, r.Period, DbValues.FromDb(DbValues.ToDb(r.SubmittedAt)), r.Channel, r.Status, r.Flags,
            CallerNumber.Normalize(r.CallerNumber), r.CallId, r.EnteredBy);
    }

    public Task<IReadOnlyList<Reading>> HistoryAsync(long meterId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Reading>>((s, ct) => HistoryAsync(s, meterId, ct), cancellationToken, Deadline.Caller);

    internal static async Task<IReadOnlyList<Reading>> HistoryAsync(DbSession s, long meterId, CancellationToken ct) =>
        await Rows.ListAsync(s.Command($"SELECT {Rows.ReadingColumns} FROM readings WHERE meter_id = @m ORDER BY submitted_at, id").Set("@m", meterId),
            Rows.Reading, ct).ConfigureAwait(false);

    public Task<IReadOnlyList<Reading>> RulesHistoryAsync(IReadOnlyList<Meter> meters, BillingPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var zones = meters.SelectMany(m => m.Zones.Select(z => (Meter: m, Zone: z))).ToList();
        if (zones.Count == 0) return Task.FromResult<IReadOnlyList<Reading>>([]);
        return db.ReadAsync<IReadOnlyList<Reading>>((s, ct) => RulesHistoryAsync(s, zones, period, ct), cancellationToken, Deadline.Caller);
    }

    /// <summary>
    /// Two short statements whatever the history: the latest earlier period of each meter zone, then the counting reading
    /// of each period in its <see cref="ReadingHistory.RulesSpan"/>. The zones and spans come in as rows (VALUES, the
    /// spans unrolled month by month by a recursive CTE), so each statement holds the same two seeks however many zones
    /// and months there are: it prepares in microseconds (one subquery per month and zone took milliseconds to prepare,
    /// more than the reads). Every seek is on ix_readings_counting and stops at its first row (the latest real reading of
    /// a period, else the latest auto-filled one: <see cref="ReadingHistory.Counting"/>).
    /// </summary>
    private static async Task<IReadOnlyList<Reading>> RulesHistoryAsync(DbSession s, List<(Meter Meter, Zone Zone)> zones, BillingPeriod period, CancellationToken ct)
    {
        var accepted = ReadingStatus.Accepted.ToString();
        var latest = s.Command("WITH zones(i, m, z) AS (VALUES " + string.Join(", ", zones.Select((_, i) => $"({i}, @m{i}, @z{i})")) + """
            )
            SELECT i, (SELECT period FROM readings WHERE meter_id = zones.m AND zone = zones.z AND period < @period AND status = @accepted
                       ORDER BY period DESC LIMIT 1)
            FROM zones
            """).Set("@period", period.Key).Set("@accepted", accepted);
        for (var i = 0; i < zones.Count; i++) latest.Set($"@m{i}", zones[i].Meter.Id).Set($"@z{i}", zones[i].Zone.ToString());
        var spans = new List<(int Zone, BillingPeriod From, BillingPeriod To)>();
        await using (var reader = await latest.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var i = reader.Int32(0);
                var found = reader.IsDBNull(1) ? (BillingPeriod?)null : BillingPeriod.FromKey(reader.Int32(1));
                if (ReadingHistory.RulesSpan(zones[i].Meter, zones[i].Zone, found, period) is var (from, to)) spans.Add((i, from, to));
            }
        }

        if (spans.Count == 0) return [];
        // The latest real reading of the period, else its latest auto-filled one. Period keys are yyyymm: December's next is +89.
        const string Seek = """
            (SELECT id FROM readings WHERE meter_id = months.m AND zone = months.z AND period = months.p AND status = @accepted
             AND channel {0} @autofill ORDER BY submitted_at DESC, id DESC LIMIT 1)
            """;
        var counting = s.Command("WITH RECURSIVE months(m, z, p, upto) AS (VALUES "
                + string.Join(", ", spans.Select((_, k) => $"(@m{k}, @z{k}, @from{k}, @to{k})")) + $"""

                UNION ALL
                SELECT m, z, CASE WHEN p % 100 = 12 THEN p + 89 ELSE p + 1 END, upto FROM months WHERE p < upto
            )
            SELECT {Rows.ReadingColumns} FROM readings
            WHERE id IN (SELECT COALESCE({string.Format(CultureInfo.InvariantCulture, Seek, "<>")}, {string.Format(CultureInfo.InvariantCulture, Seek, "=")}) FROM months)
            ORDER BY submitted_at, id
            """)
            .Set("@accepted", accepted).Set("@autofill", SubmissionChannel.AutoFill.ToString());
        for (var k = 0; k < spans.Count; k++)
        {
            var (i, from, to) = spans[k];
            counting.Set($"@m{k}", zones[i].Meter.Id).Set($"@z{k}", zones[i].Zone.ToString()).Set($"@from{k}", from.Key).Set($"@to{k}", to.Key);
        }

        return await Rows.ListAsync(counting, Rows.Reading, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Reading>> AccountHistoryAsync(string accountNumber, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Reading>>(async (s, ct) => await Rows.ListAsync(
            s.Command($"SELECT {Rows.ReadingColumns} FROM readings WHERE meter_id IN (SELECT id FROM meters WHERE account_number = @a) ORDER BY submitted_at, id")
                .Set("@a", accountNumber), Rows.Reading, ct).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<Reading>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Reading>>(async (s, ct) => await Rows.ListAsync(
            s.Command($"SELECT {Rows.ReadingColumns} FROM readings WHERE call_id = @c ORDER BY submitted_at, id").Set("@c", callId),
            Rows.Reading, ct).ConfigureAwait(false), cancellationToken);

    /// <summary>Once per period across every server on the database: see <see cref="SqlAutoFill"/>.</summary>
    public Task<AutoFillSummary> AutoFillAsync(BillingPeriod period, DateTimeOffset at, CancellationToken cancellationToken) =>
        autoFill.RunAsync(period, at, cancellationToken);
}
