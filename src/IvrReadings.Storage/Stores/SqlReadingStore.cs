using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlReadingStore(Database db, TimeProvider time) : IReadingStore
{
    private readonly SqlAutoFill autoFill = new(db, time);

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
        }, cancellationToken, Deadline.Caller);
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
