using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

/// <summary>The audit log: append-only; stores write their own lines inside their transactions through <see cref="InsertAsync"/>.</summary>
internal sealed class SqlAuditLog(Database db) : IAuditLog
{
    // Bounds for what outsiders can put in a line (a login typed at the sign-in page, a user agent's address).
    private const int MaxField = 200;
    private const int MaxDetail = 2000;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.WriteAsync((s, ct) => InsertAsync(s, entry, ct), cancellationToken);
    }

    internal static async Task<int> InsertAsync(DbSession s, AuditEntry e, CancellationToken ct) =>
        await s.Command("INSERT INTO audit_log (at, actor, action, target, detail, address) VALUES (@at, @actor, @action, @target, @detail, @address)")
            .Set("@at", DbValues.ToDb(e.At)).Set("@actor", Bound(e.Actor, MaxField)).Set("@action", Bound(e.Action, MaxField))
            .Set("@target", Bound(e.Target, MaxField)).Set("@detail", Bound(e.Detail, MaxDetail)).Set("@address", Bound(e.Address, MaxField))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);

    public Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const string Where = """
            WHERE (@from IS NULL OR at >= @from)
              AND (@to IS NULL OR at < @to)
              AND (@actor IS NULL OR actor = @actor)
              AND (@action IS NULL OR action = @action)
              AND (@target IS NULL OR target = @target)
            """;
        return db.ReadAsync(async (s, ct) =>
        {
            var total = (int)await Rows.ScalarAsync(Bind(s.Command($"SELECT COUNT(*) FROM audit_log {Where}"), filter), ct).ConfigureAwait(false);
            var page = Bind(s.Command($"SELECT id, at, actor, action, target, detail, address FROM audit_log {Where} ORDER BY at DESC, id DESC LIMIT @take OFFSET @skip"), filter)
                .Set("@take", Math.Clamp(filter.Take, 1, 1000)).Set("@skip", Math.Max(0, filter.Skip));
            var entries = await Rows.ListAsync(page, r => new AuditRecord(r.Int64(0), new AuditEntry(DbValues.FromDb(r.Int64(1)), r.NullableString(2), r.GetString(3),
                r.NullableString(4), r.NullableString(5), r.NullableString(6))), ct).ConfigureAwait(false);
            return new AuditPage(entries, total);
        }, cancellationToken);
    }

    private static System.Data.Common.DbCommand Bind(System.Data.Common.DbCommand command, AuditFilter f) => command
        .Set("@from", f.From is { } from ? DbValues.ToDb(from) : null)
        .Set("@to", f.To is { } to ? DbValues.ToDb(to) : null)
        .Set("@actor", f.Actor)
        .Set("@action", f.Action)
        .Set("@target", f.Target);

    private static string? Bound(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}
