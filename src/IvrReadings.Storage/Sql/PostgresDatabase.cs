using System.Data.Common;
using Npgsql;

namespace IvrReadings.Storage.Sql;

/// <summary>PostgreSQL: a pooled connection per operation, one transaction per write (synchronous_commit as the server sets it, on by default).</summary>
internal sealed class PostgresDatabase : Database
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresDatabase(string connectionString, int commandTimeoutSeconds) : base(Dialect.Postgres, commandTimeoutSeconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Hot statements (submit, timeline append) are prepared on the server after their second use.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    protected override async Task<T> ReadCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var commands = new Dictionary<string, DbCommand>();
        try
        {
            return await work(new DbSession(connection, null, commands, Dialect, CommandTimeoutSeconds), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var command in commands.Values) await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override async Task<T> WriteCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var commands = new Dictionary<string, DbCommand>();
        try
        {
            var result = await work(new DbSession(connection, transaction, commands, Dialect, CommandTimeoutSeconds), cancellationToken).ConfigureAwait(false);
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
