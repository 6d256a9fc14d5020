using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlStaffStore(Database db) : IStaffStore
{
    private const string Columns = "login, role, password_hash, failed_attempts, locked_until, created_at";

    // Logins are stored lower-case so "Ivanova" and "ivanova" are one user on every provider (SQLite's = is case-sensitive too).
    private static string Key(string login) => login.Trim().ToLowerInvariant();

    private static StaffUser Map(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), DbValues.Enum<StaffRole>(r.GetString(1)), r.GetString(2), r.Int32(3),
        r.NullableInt64(4) is { } locked ? DbValues.FromDb(locked) : null, DbValues.FromDb(r.Int64(5)));

    public Task<StaffUser?> GetAsync(string login, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (await Rows.ListAsync(s.Command($"SELECT {Columns} FROM staff_users WHERE login = @l").Set("@l", Key(login)), Map, ct)
            .ConfigureAwait(false)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<StaffUser>>(async (s, ct) => await Rows.ListAsync(s.Command($"SELECT {Columns} FROM staff_users ORDER BY login"), Map, ct)
            .ConfigureAwait(false), cancellationToken);

    public Task<bool> CreateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Login);
        return db.WriteAsync(async (s, ct) => await s.Command($"""
                INSERT INTO staff_users ({Columns}) VALUES (@l, @role, @hash, @failed, @locked, @created)
                ON CONFLICT (login) DO NOTHING
                """).Set("@l", Key(user.Login)).Set("@role", user.Role.ToString()).Set("@hash", user.PasswordHash).Set("@failed", user.FailedAttempts)
            .Set("@locked", user.LockedUntil is { } l ? DbValues.ToDb(l) : null).Set("@created", DbValues.ToDb(user.CreatedAt))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public Task<bool> UpdateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.WriteAsync(async (s, ct) => await s.Command("""
                UPDATE staff_users SET role = @role, password_hash = @hash, failed_attempts = @failed, locked_until = @locked WHERE login = @l
                """).Set("@role", user.Role.ToString()).Set("@hash", user.PasswordHash).Set("@failed", user.FailedAttempts)
            .Set("@locked", user.LockedUntil is { } l ? DbValues.ToDb(l) : null).Set("@l", Key(user.Login))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public Task<bool> DeleteAsync(string login, CancellationToken cancellationToken) =>
        db.WriteAsync(async (s, ct) => await s.Command("DELETE FROM staff_users WHERE login = @l").Set("@l", Key(login))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1, cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (int)await Rows.ScalarAsync(s.Command("SELECT COUNT(*) FROM staff_users"), ct).ConfigureAwait(false), cancellationToken);
}
