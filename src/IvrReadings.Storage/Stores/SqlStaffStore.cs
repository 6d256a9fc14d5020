using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

/// <summary>
/// Staff users. Every change is one targeted UPDATE of its own columns (never a read-modify-write of the whole row),
/// so a failed sign-in racing a supervisor's disable, role change or reset cannot undo it.
/// </summary>
internal sealed class SqlStaffStore(Database db) : IStaffStore
{
    private const string Columns = "login, role, password_hash, failed_attempts, locked_until, created_at, disabled, security_stamp";

    // Logins are stored lower-case so "Ivanova" and "ivanova" are one user on every provider (SQLite's = is case-sensitive too).
    private static string Key(string login) => login.Trim().ToLowerInvariant();

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static StaffUser Map(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), DbValues.Enum<StaffRole>(r.GetString(1)), r.GetString(2), r.Int32(3),
        r.NullableInt64(4) is { } locked ? DbValues.FromDb(locked) : null, DbValues.FromDb(r.Int64(5)), r.Int32(6) != 0, r.GetString(7));

    public Task<StaffUser?> GetAsync(string login, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (await Rows.ListAsync(s.Command($"SELECT {Columns} FROM staff_users WHERE login = @l").Set("@l", Key(login)), Map, ct)
            .ConfigureAwait(false)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<StaffUser>>(async (s, ct) => await Rows.ListAsync(s.Command($"SELECT {Columns} FROM staff_users ORDER BY login"), Map, ct)
            .ConfigureAwait(false), cancellationToken);

    public Task<bool> CreateAsync(StaffUser user, AuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Login);
        return db.WriteAsync(async (s, ct) =>
        {
            var created = await s.Command($"""
                    INSERT INTO staff_users ({Columns}) VALUES (@l, @role, @hash, @failed, @locked, @created, @disabled, @stamp)
                    ON CONFLICT (login) DO NOTHING
                    """).Set("@l", Key(user.Login)).Set("@role", user.Role.ToString()).Set("@hash", user.PasswordHash).Set("@failed", user.FailedAttempts)
                .Set("@locked", user.LockedUntil is { } l ? DbValues.ToDb(l) : null).Set("@created", DbValues.ToDb(user.CreatedAt))
                .Set("@disabled", user.Disabled ? 1 : 0).Set("@stamp", string.IsNullOrEmpty(user.SecurityStamp) ? NewStamp() : user.SecurityStamp)
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            if (created && audit is not null) await SqlAuditLog.InsertAsync(s, audit, ct).ConfigureAwait(false);
            return created;
        }, cancellationToken);
    }

    public Task<bool> SetPasswordAsync(string login, string passwordHash, AuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        return ChangeAsync(login, "password_hash = @value, failed_attempts = 0, locked_until = NULL", passwordHash, audit, cancellationToken);
    }

    public Task<bool> SetRoleAsync(string login, StaffRole role, AuditEntry? audit, CancellationToken cancellationToken) =>
        ChangeAsync(login, "role = @value", role.ToString(), audit, cancellationToken);

    public Task<bool> SetDisabledAsync(string login, bool disabled, AuditEntry? audit, CancellationToken cancellationToken) =>
        ChangeAsync(login, disabled ? "disabled = 1, failed_attempts = 0, locked_until = NULL" : "disabled = 0, failed_attempts = 0, locked_until = NULL",
            null, audit, cancellationToken);

    public Task<bool> RenewSecurityStampAsync(string login, AuditEntry? audit, CancellationToken cancellationToken) =>
        ChangeAsync(login, null, null, audit, cancellationToken);

    /// <summary>Sets <paramref name="assignments"/> and a new security stamp, and writes the audit line, in one transaction.</summary>
    private Task<bool> ChangeAsync(string login, string? assignments, string? value, AuditEntry? audit, CancellationToken cancellationToken) =>
        db.WriteAsync(async (s, ct) =>
        {
            var sql = $"UPDATE staff_users SET {(assignments is null ? string.Empty : assignments + ", ")}security_stamp = @stamp WHERE login = @l";
            var command = s.Command(sql).Set("@stamp", NewStamp()).Set("@l", Key(login));
            if (value is not null) command.Set("@value", value);
            var changed = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            if (changed && audit is not null) await SqlAuditLog.InsertAsync(s, audit, ct).ConfigureAwait(false);
            return changed;
        }, cancellationToken);

    public Task<StaffUser?> RecordFailedSignInAsync(string login, int threshold, DateTimeOffset lockUntil, AuditEntry? audit, CancellationToken cancellationToken) =>
        db.WriteAsync(async (s, ct) =>
        {
            var until = DbValues.ToDb(lockUntil);
            var user = (await Rows.ListAsync(s.Command($"""
                    UPDATE staff_users SET
                        failed_attempts = CASE WHEN failed_attempts + 1 >= @threshold THEN 0 ELSE failed_attempts + 1 END,
                        locked_until = CASE WHEN failed_attempts + 1 >= @threshold THEN @until ELSE locked_until END
                    WHERE login = @l AND disabled = 0
                    RETURNING {Columns}
                    """).Set("@threshold", Math.Max(1, threshold)).Set("@until", until).Set("@l", Key(login)), Map, ct)
                .ConfigureAwait(false)).FirstOrDefault();
            if (audit is not null)
            {
                await SqlAuditLog.InsertAsync(s, audit, ct).ConfigureAwait(false);
                if (user is { FailedAttempts: 0, LockedUntil: { } locked } && DbValues.ToDb(locked) == until)
                    await SqlAuditLog.InsertAsync(s, audit with { Action = AuditActions.LockedOut, Detail = "until " + locked.ToString("u", System.Globalization.CultureInfo.InvariantCulture) }, ct).ConfigureAwait(false);
            }

            return user;
        }, cancellationToken);

    public Task ClearFailedSignInsAsync(string login, CancellationToken cancellationToken) =>
        db.WriteAsync((s, ct) => s.Command("""
                UPDATE staff_users SET failed_attempts = 0, locked_until = NULL
                WHERE login = @l AND (failed_attempts <> 0 OR locked_until IS NOT NULL)
                """).Set("@l", Key(login)).ExecuteNonQueryAsync(ct), cancellationToken);

    public Task<bool> DeleteAsync(string login, CancellationToken cancellationToken) =>
        db.WriteAsync(async (s, ct) => await s.Command("DELETE FROM staff_users WHERE login = @l").Set("@l", Key(login))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1, cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (int)await Rows.ScalarAsync(s.Command("SELECT COUNT(*) FROM staff_users"), ct).ConfigureAwait(false), cancellationToken);
}
