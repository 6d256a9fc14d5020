using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlCallLog(Database db) : ICallLog
{
    public Task StartAsync(CallStart call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentException.ThrowIfNullOrWhiteSpace(call.CallId);
        return db.WriteAsync((s, ct) => InsertStartAsync(s, call, ct), cancellationToken, Deadline.Caller);
    }

    public Task AppendAsync(string callId, CallEvent callEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        return db.WriteAsync((s, ct) => InsertEventAsync(s, callId, callEvent, ct), cancellationToken, Deadline.Caller);
    }

    public Task SetAccountAsync(string callId, string accountNumber, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => UpdateAccountAsync(s, callId, accountNumber, ct), cancellationToken, Deadline.Caller);

    public Task EndAsync(string callId, CallOutcome outcome, string? lastStep, DateTimeOffset endedAt, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => UpdateEndAsync(s, callId, outcome, lastStep, endedAt, ct), cancellationToken, Deadline.Caller);

    public Task SetChannelAsync(string callId, SubmissionChannel channel, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => UpdateChannelAsync(s, callId, channel, ct), cancellationToken, Deadline.Caller);

    /// <summary>The whole batch in one transaction (the SQLite writer may group it with other commits).</summary>
    public Task WriteAsync(IReadOnlyList<CallLogEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return Task.CompletedTask;
        return db.WriteAsync(async (s, ct) =>
        {
            foreach (var entry in entries)
            {
                await (entry switch
                {
                    CallLogEntry.Start start => InsertStartAsync(s, start.Call, ct),
                    CallLogEntry.Append append => InsertEventAsync(s, append.CallId, append.Event, ct),
                    CallLogEntry.Account account => UpdateAccountAsync(s, account.CallId, account.AccountNumber, ct),
                    CallLogEntry.ChannelChange change => UpdateChannelAsync(s, change.CallId, change.Channel, ct),
                    CallLogEntry.End end => UpdateEndAsync(s, end.CallId, end.Outcome, end.LastStep, end.EndedAt, ct),
                    _ => throw new ArgumentException($"Unknown call log entry {entry}.", nameof(entries)),
                }).ConfigureAwait(false);
            }

            return entries.Count;
        }, cancellationToken, Deadline.Caller);
    }

    private static Task<int> InsertStartAsync(DbSession s, CallStart call, CancellationToken ct)
    {
        var asterisk = call.Asterisk ?? AsteriskCallIds.None;
        // Idempotent: a journal batch retried after a lost answer does not duplicate the call.
        return s.Command("""
                INSERT INTO calls (call_id, channel, script, caller_number, language, started_at, asterisk_uniqueid, asterisk_channel, asterisk_system)
                VALUES (@id, @channel, @script, @caller, @lang, @at, @uid, @achannel, @system)
                ON CONFLICT (call_id) DO NOTHING
                """)
            .Set("@id", call.CallId).Set("@channel", call.Channel.ToString()).Set("@script", call.Script).Set("@caller", CallerNumber.Normalize(call.CallerNumber))
            .Set("@lang", call.Language.ToString()).Set("@at", DbValues.ToDb(call.StartedAt))
            .Set("@uid", AsteriskCallIds.Clean(asterisk.UniqueId)).Set("@achannel", AsteriskCallIds.Clean(asterisk.Channel))
            .Set("@system", AsteriskCallIds.Clean(asterisk.SystemName)).ExecuteNonQueryAsync(ct);
    }

    private static Task<int> InsertEventAsync(DbSession s, string callId, CallEvent callEvent, CancellationToken ct) =>
        s.Command("INSERT INTO call_events (call_id, at, kind, step, text, data) VALUES (@id, @at, @kind, @step, @text, @data)")
            .Set("@id", callId).Set("@at", DbValues.ToDb(callEvent.At)).Set("@kind", callEvent.Kind.ToString()).Set("@step", callEvent.Step)
            .Set("@text", callEvent.Text).Set("@data", callEvent.Data).ExecuteNonQueryAsync(ct);

    private static Task<int> UpdateAccountAsync(DbSession s, string callId, string accountNumber, CancellationToken ct) =>
        s.Command("UPDATE calls SET account_number = @a WHERE call_id = @id").Set("@a", accountNumber).Set("@id", callId).ExecuteNonQueryAsync(ct);

    private static Task<int> UpdateChannelAsync(DbSession s, string callId, SubmissionChannel channel, CancellationToken ct) =>
        s.Command("UPDATE calls SET channel = @c WHERE call_id = @id").Set("@c", channel.ToString()).Set("@id", callId).ExecuteNonQueryAsync(ct);

    private static Task<int> UpdateEndAsync(DbSession s, string callId, CallOutcome outcome, string? lastStep, DateTimeOffset endedAt, CancellationToken ct) =>
        s.Command("UPDATE calls SET outcome = @o, last_step = @step, ended_at = @at WHERE call_id = @id")
            .Set("@o", outcome.ToString()).Set("@step", lastStep).Set("@at", DbValues.ToDb(endedAt)).Set("@id", callId).ExecuteNonQueryAsync(ct);

    public Task<CallRecord?> GetAsync(string callId, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (await Rows.ListAsync(s.Command($"SELECT {Rows.CallColumns} FROM calls WHERE call_id = @id").Set("@id", callId),
            Rows.Call, ct).ConfigureAwait(false)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<CallEventRecord>> TimelineAsync(string callId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<CallEventRecord>>(async (s, ct) => await Rows.ListAsync(
            s.Command("SELECT seq, call_id, at, kind, step, text, data FROM call_events WHERE call_id = @id ORDER BY seq").Set("@id", callId),
            r => new CallEventRecord(r.Int64(0), r.GetString(1), new CallEvent(DbValues.FromDb(r.Int64(2)), DbValues.Enum<CallEventKind>(r.GetString(3)),
                r.NullableString(4), r.NullableString(5), r.NullableString(6))), ct).ConfigureAwait(false), cancellationToken);

    public Task<CallPage> ListAsync(CallFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // One statement shape for every filter combination (null = no filter), so it is prepared once.
        const string Where = """
            WHERE (@from IS NULL OR c.started_at >= @from)
              AND (@to IS NULL OR c.started_at < @to)
              AND (@caller IS NULL OR c.caller_number LIKE @caller)
              AND (@outcome IS NULL OR c.outcome = @outcome)
              AND (@account IS NULL OR c.account_number = @account
                   OR EXISTS (SELECT 1 FROM readings r JOIN meters m ON m.id = r.meter_id WHERE r.call_id = c.call_id AND m.account_number = @account))
            """;
        return db.ReadAsync(async (s, ct) =>
        {
            var count = Bind(s.Command($"SELECT COUNT(*) FROM calls c {Where}"), filter);
            var total = (int)await Rows.ScalarAsync(count, ct).ConfigureAwait(false);
            var page = Bind(s.Command($"SELECT {Prefixed(Rows.CallColumns)} FROM calls c {Where} ORDER BY c.started_at DESC, c.call_id DESC LIMIT @take OFFSET @skip"), filter)
                .Set("@take", Math.Clamp(filter.Take, 1, 1000)).Set("@skip", Math.Max(0, filter.Skip));
            return new CallPage(await Rows.ListAsync(page, Rows.Call, ct).ConfigureAwait(false), total);
        }, cancellationToken);
    }

    private static System.Data.Common.DbCommand Bind(System.Data.Common.DbCommand command, CallFilter f) => command
        .Set("@from", f.From is { } from ? DbValues.ToDb(from) : null)
        .Set("@to", f.To is { } to ? DbValues.ToDb(to) : null)
        .Set("@caller", CallerNumber.SearchTerm(f.CallerNumber) is { } caller ? "%" + caller + "%" : f.CallerNumber is null ? null : "-")
        .Set("@outcome", f.Outcome?.ToString())
        .Set("@account", f.AccountNumber);

    private static string Prefixed(string columns) => string.Join(", ", columns.Split(", ").Select(c => "c." + c));
}
