using System.Data.Common;
using Npgsql;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// PostgreSQL: a pooled connection per operation, one transaction per write (synchronous_commit as the server sets it,
/// on by default). The pool is sized by <see cref="DatabaseOptions.MaxPoolSize"/> and idle connections are closed after
/// <see cref="DatabaseOptions.PoolIdleSeconds"/>, so a burst of calls does not leave the database's connection slots taken.
/// </summary>
internal sealed class PostgresDatabase : Database
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresDatabase(string connectionString, DatabaseOptions options) : base(Dialect.Postgres, options)
    {
        dataSource = NpgsqlDataSource.Create(Configure(connectionString, options).ConnectionString);
    }

    /// <summary>The connection string as this server uses it: the Database settings win over the string's pool keys.</summary>
    internal static NpgsqlConnectionStringBuilder Configure(string connectionString, DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Hot statements (submit, timeline append) are prepared on the server after their second use.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        builder.MaxPoolSize = Math.Max(1, options.MaxPoolSize);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        builder.ConnectionIdleLifetime = Math.Max(1, options.PoolIdleSeconds);
        // Idle connections are looked for at this interval (it must be below the lifetime).
        builder.ConnectionPruningInterval = Math.Clamp(builder.ConnectionIdleLifetime / 3, 1, 10);
        // A connect (with the first one's type loading) never outlasts the longest deadline (Npgsql's default is 15 s);
        // a caller's operation gives up on it at the caller's deadline through its token. Capping it at the caller's
        // 3 s made a server on a busy machine fail to start: its migration's first connect took longer.
        builder.Timeout = Math.Clamp(builder.Timeout, 1, Math.Max(1, options.CommandTimeoutSeconds));
        return builder;
    }

    protected override async Task<T> ReadCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var commands = new Dictionary<string, DbCommand>();
        try
        {
            return await work(new DbSession(connection, null, commands, Dialect, timeoutSeconds), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var command in commands.Values) await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override async Task<T> WriteCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var commands = new Dictionary<string, DbCommand>();
        try
        {
            var result = await work(new DbSession(connection, transaction, commands, Dialect, timeoutSeconds), cancellationToken).ConfigureAwait(false);
            // Once the work is done the caller's hang-up must not leave the outcome in doubt: commit regardless.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            foreach (var command in commands.Values) await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override async Task<DbConnection> OpenMigrationConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
