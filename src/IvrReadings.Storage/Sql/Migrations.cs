using System.Data.Common;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// Schema migrations, applied in order at start and recorded in <c>schema_migrations</c>. Append new ones; never edit
/// one that has shipped. Each runs in its own transaction (DDL is transactional in both providers), under a lock so
/// several servers starting together apply it once.
/// </summary>
internal static class Migrations
{
    private static readonly (int Version, string Name, string Sql)[] All =
    [
        (1, "initial schema", """
            CREATE TABLE accounts (
                number TEXT PRIMARY KEY,
                address TEXT NOT NULL,
                holder TEXT NOT NULL
            );
            CREATE TABLE meters (
                id {identity},
                serial TEXT NOT NULL UNIQUE,
                account_number TEXT NOT NULL REFERENCES accounts(number),
                kind TEXT NOT NULL,
                zones INTEGER NOT NULL,
                digits INTEGER NOT NULL,
                description TEXT NOT NULL,
                last_value_1 BIGINT,
                last_value_2 BIGINT,
                last_value_3 BIGINT,
                last_date TEXT,
                verification_date TEXT,
                autofill BIGINT
            );
            CREATE INDEX ix_meters_account ON meters(account_number);
            CREATE TABLE readings (
                id {identity},
                meter_id BIGINT NOT NULL REFERENCES meters(id),
                zone TEXT NOT NULL,
                value BIGINT NOT NULL,
                period INTEGER NOT NULL,
                submitted_at BIGINT NOT NULL,
                channel TEXT NOT NULL,
                status TEXT NOT NULL,
                flags INTEGER NOT NULL,
                caller_number TEXT,
                call_id TEXT,
                entered_by TEXT
            );
            CREATE INDEX ix_readings_meter ON readings(meter_id, period);
            CREATE INDEX ix_readings_period ON readings(period, meter_id);
            CREATE INDEX ix_readings_call ON readings(call_id);
            CREATE INDEX ix_readings_caller ON readings(caller_number, submitted_at);
            CREATE INDEX ix_readings_submitted ON readings(submitted_at);
            CREATE TABLE autofill_runs (
                period INTEGER PRIMARY KEY,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                meters INTEGER NOT NULL,
                readings INTEGER NOT NULL
            );
            CREATE TABLE calls (
                call_id TEXT PRIMARY KEY,
                channel TEXT NOT NULL,
                script TEXT NOT NULL,
                caller_number TEXT,
                language TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                ended_at BIGINT,
                outcome TEXT,
                last_step TEXT,
                account_number TEXT,
                reviewed_by TEXT,
                reviewed_at BIGINT
            );
            CREATE INDEX ix_calls_started ON calls(started_at);
            CREATE INDEX ix_calls_account ON calls(account_number);
            CREATE INDEX ix_calls_caller ON calls(caller_number);
            CREATE INDEX ix_calls_review ON calls(channel, reviewed_at, started_at);
            CREATE TABLE call_events (
                seq {identity},
                call_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                step TEXT,
                text TEXT,
                data TEXT
            );
            CREATE INDEX ix_call_events_call ON call_events(call_id, seq);
            CREATE TABLE recordings (
                id {identity},
                call_id TEXT NOT NULL,
                step TEXT NOT NULL,
                file_path TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                account_number TEXT,
                meter_id BIGINT,
                zone TEXT,
                recognized_text TEXT,
                alternatives_json TEXT,
                status TEXT NOT NULL
            );
            CREATE INDEX ix_recordings_call ON recordings(call_id);
            CREATE INDEX ix_recordings_status ON recordings(status);
            CREATE TABLE recognition_queue (
                id {identity},
                recording_id BIGINT NOT NULL UNIQUE REFERENCES recordings(id),
                not_before BIGINT NOT NULL,
                attempts INTEGER NOT NULL,
                lease_until BIGINT,
                worker TEXT,
                last_error TEXT
            );
            CREATE INDEX ix_recognition_due ON recognition_queue(not_before, id);
            CREATE TABLE staff_users (
                login TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL,
                locked_until BIGINT,
                created_at BIGINT NOT NULL
            )
            """),
        // Several servers: the auto-fill of a period is run by the one server holding its lease (owner, lease_until);
        // another takes over only once the lease has run out (its holder died mid-run).
        (2, "auto-fill lease", """
            ALTER TABLE autofill_runs ADD COLUMN owner TEXT;
            ALTER TABLE autofill_runs ADD COLUMN lease_until BIGINT
            """),
        // The server names each call itself; Asterisk's unique id (repeated across boxes and restarts), channel and
        // system name are kept as attributes. Calls logged before keep their old id, which was Asterisk's.
        (3, "call identity: Asterisk's ids as attributes; health probe", """
            ALTER TABLE calls ADD COLUMN asterisk_uniqueid TEXT;
            ALTER TABLE calls ADD COLUMN asterisk_channel TEXT;
            ALTER TABLE calls ADD COLUMN asterisk_system TEXT;
            UPDATE calls SET asterisk_uniqueid = CASE WHEN call_id LIKE '%-voice' THEN substr(call_id, 1, length(call_id) - 6) ELSE call_id END;
            CREATE INDEX ix_calls_asterisk ON calls(asterisk_uniqueid);
            CREATE TABLE health_probe (
                server TEXT PRIMARY KEY,
                probed_at BIGINT NOT NULL
            )
            """),
        (4, "staff console: security stamps, review outcomes and claims, audit log, data-protection keys", """
            ALTER TABLE staff_users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE staff_users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
            UPDATE staff_users SET disabled = 1, locked_until = NULL WHERE locked_until >= 253370764800000000;
            CREATE TABLE call_reviews (
                call_id TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                outcome TEXT,
                note TEXT,
                callback_number TEXT,
                reviewed_by TEXT,
                reviewed_at BIGINT,
                claimed_by TEXT,
                claimed_until BIGINT
            );
            INSERT INTO call_reviews (call_id, version, outcome, reviewed_by, reviewed_at)
                SELECT call_id, 1, 'ReadingsConfirmed', reviewed_by, reviewed_at FROM calls WHERE reviewed_at IS NOT NULL;
            CREATE TABLE audit_log (
                id {identity},
                at BIGINT NOT NULL,
                actor TEXT,
                action TEXT NOT NULL,
                target TEXT,
                detail TEXT,
                address TEXT
            );
            CREATE INDEX ix_audit_at ON audit_log(at);
            CREATE INDEX ix_audit_actor ON audit_log(actor, at);
            CREATE TABLE data_protection_keys (
                name TEXT PRIMARY KEY,
                xml TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """),
        // Recordings without a shared filesystem: the audio of every answer is kept in the database, so any server
        // recognizes it (the queue) and plays it to staff (the console), wherever Asterisk and the recording server are.
        (5, "recording audio in the database", """
            CREATE TABLE recording_audio (
                recording_id BIGINT PRIMARY KEY REFERENCES recordings(id),
                content_type TEXT NOT NULL,
                bytes {blob} NOT NULL
            )
            """),
        // A call reads only the counting reading of the few months the rules use (SqlReadingStore.RulesHistoryAsync):
        // each is a seek on this index that stops at its first row, however many readings the meter has.
        (6, "readings: the counting reading of a meter zone and period by one seek", """
            CREATE INDEX ix_readings_counting ON readings(meter_id, zone, period, status, submitted_at, id)
            """),
        // "Put back" on the review desk: who put a call back last, so that their next call is another one.
        (7, "review desk: who put a call back", """
            ALTER TABLE call_reviews ADD COLUMN put_back_by TEXT;
            ALTER TABLE call_reviews ADD COLUMN put_back_at BIGINT
            """),
    ];

    public static int Latest => All[^1].Version;

    public static async Task<int> ApplyAsync(DbConnection connection, Dialect dialect, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        await ExecAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            commandTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        var current = 0;
        foreach (var (version, name, sql) in All)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // PostgreSQL: one migrating server at a time; SQLite: BEGIN IMMEDIATE already holds the write lock.
            if (dialect.IsPostgres)
                await ExecAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7341002)", commandTimeoutSeconds, cancellationToken).ConfigureAwait(false);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @v";
                check.Set("@v", version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    current = version;
                    continue;
                }
            }

            foreach (var statement in sql.Replace("{identity}", dialect.Identity, StringComparison.Ordinal).Replace("{blob}", dialect.Blob, StringComparison.Ordinal).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                await ExecAsync(connection, transaction, statement, commandTimeoutSeconds, cancellationToken).ConfigureAwait(false);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
                record.Set("@v", version).Set("@n", name).Set("@t", DbValues.ToDb(DateTimeOffset.UtcNow));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            current = version;
        }

        return current;
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction? transaction, string sql, int timeout, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = timeout;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
