using System.Data.Common;
using System.Net.Sockets;
using IvrReadings.Domain;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// The imperative shell every store runs through: read work gets a connection, write work gets a connection with an
/// open transaction that is committed (durably) before the caller's task completes. Database failures surface as
/// <see cref="StorageUnavailableException"/> and leave nothing half-written. The schema is brought up to date before
/// the first operation, whoever comes first.
/// </summary>
internal abstract class Database : IAsyncDisposable
{
    private readonly Lock gate = new();
    private Task<int>? ready;

    protected Database(Dialect dialect, int commandTimeoutSeconds)
    {
        Dialect = dialect;
        CommandTimeoutSeconds = commandTimeoutSeconds;
    }

    public Dialect Dialect { get; }
    public int CommandTimeoutSeconds { get; }

    public async Task<T> ReadAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadCoreAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
        catch (Exception ex) when (IsConstraintViolation(ex))
        {
            throw new ArgumentException("The data violates a database constraint (unknown meter or duplicate key): " + ex.Message, ex);
        }
    }

    public async Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WriteCoreAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
        catch (Exception ex) when (IsConstraintViolation(ex))
        {
            throw new ArgumentException("The data violates a database constraint (unknown meter or duplicate key): " + ex.Message, ex);
        }
    }

    /// <summary>Applies migrations once per process (again after a failure); concurrent callers share one run.</summary>
    public Task<int> EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        var done = ready;
        if (done is { IsCompletedSuccessfully: true }) return done;
        Task<int> run;
        lock (gate)
        {
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
                ready = MigrateGuardedAsync();
            run = ready;
        }

        return run.IsCompletedSuccessfully ? run : run.WaitAsync(cancellationToken);
    }

    private async Task<int> MigrateGuardedAsync()
    {
        try
        {
            // Not the first caller's token: its hang-up must not fail the migration for everyone sharing it.
            await using var connection = await OpenMigrationConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            return await Migrations.ApplyAsync(connection, Dialect, CommandTimeoutSeconds, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    protected abstract Task<T> ReadCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    protected abstract Task<T> WriteCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenMigrationConnectionAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>A broken constraint is the caller's mistake (unknown meter id), not an outage: say so plainly.</summary>
    internal static bool IsConstraintViolation(Exception ex) =>
        ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } || (ex is Npgsql.PostgresException pg && pg.SqlState.StartsWith("23", StringComparison.Ordinal));

    internal static bool IsUnavailable(Exception ex) => !IsConstraintViolation(ex) &&
        ex is DbException or TimeoutException or IOException or SocketException or ObjectDisposedException && ex is not StorageUnavailableException;

    internal static StorageUnavailableException Unavailable(Exception ex) =>
        ex as StorageUnavailableException ?? new StorageUnavailableException("The database is unavailable: " + ex.Message, ex);
}
