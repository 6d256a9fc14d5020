using System.Data.Common;
using System.Net.Sockets;
using IvrReadings.Domain;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// The imperative shell every store runs through: read work gets a connection, write work gets a connection with an
/// open transaction that is committed (durably) before the caller's task completes. Database failures surface as
/// <see cref="StorageUnavailableException"/> and leave nothing half-written. The schema is brought up to date before
/// the first operation, whoever comes first.
/// <para>
/// Every operation has a deadline (<see cref="Deadline"/>): past it the caller gets <see cref="StorageUnavailableException"/>
/// even if the database never answers (a frozen server, a stalled disk). A write given up that way may still commit later;
/// it is never half-written, and the caller was told it failed (at worst a reading is submitted twice, and the later counts).
/// </para>
/// </summary>
internal abstract class Database : IAsyncDisposable
{
    private readonly Lock gate = new();
    private Task<int>? ready;
    private WriteOutcome? lastWrite;

    protected Database(Dialect dialect, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Dialect = dialect;
        CommandTimeoutSeconds = Math.Max(1, options.CommandTimeoutSeconds);
        CallerTimeoutSeconds = Math.Max(1, options.CallerTimeoutSeconds);
    }

    public Dialect Dialect { get; }

    public int CommandTimeoutSeconds { get; }

    public int CallerTimeoutSeconds { get; }

    /// <summary>The latest write's outcome (a caller's reading, a call event, the health probe), null before the first.</summary>
    public WriteOutcome? LastWrite => Volatile.Read(ref lastWrite);

    public Task<T> ReadAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken, Deadline deadline = Deadline.Staff) =>
        RunAsync(work, write: false, deadline, cancellationToken);

    public Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken, Deadline deadline = Deadline.Staff) =>
        RunAsync(work, write: true, deadline, cancellationToken);

    public int SecondsFor(Deadline deadline) => deadline == Deadline.Caller ? CallerTimeoutSeconds : CommandTimeoutSeconds;

    private async Task<T> RunAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, bool write, Deadline deadline, CancellationToken cancellationToken)
    {
        var seconds = SecondsFor(deadline);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await EnsureMigratedAsync(limit.Token).ConfigureAwait(false);
            var operation = write ? WriteCoreAsync(work, seconds, limit.Token) : ReadCoreAsync(work, seconds, limit.Token);
            // WaitAsync: the answer comes at the deadline even when the provider does not honour the token (a frozen
            // PostgreSQL leaves a cancel request unanswered). What is left behind ends by itself; its fault is observed.
            var result = await Observed(operation).WaitAsync(limit.Token).ConfigureAwait(false);
            if (write) Volatile.Write(ref lastWrite, new WriteOutcome(DateTimeOffset.UtcNow, null));
            return result;
        }
        catch (OperationCanceledException ex) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var timedOut = new StorageUnavailableException($"The database did not answer within {seconds} s.", ex);
            if (write) Volatile.Write(ref lastWrite, new WriteOutcome(DateTimeOffset.UtcNow, timedOut.Message));
            throw timedOut;
        }
        catch (Exception ex) when (ex is StorageUnavailableException || IsUnavailable(ex))
        {
            var unavailable = Unavailable(ex);
            if (write) Volatile.Write(ref lastWrite, new WriteOutcome(DateTimeOffset.UtcNow, unavailable.Message));
            throw unavailable;
        }
        catch (Exception ex) when (IsConstraintViolation(ex))
        {
            throw new ArgumentException("The data violates a database constraint (unknown meter or duplicate key): " + ex.Message, ex);
        }
        finally
        {
            // The caller goes on on the thread pool (with its answer or its exception), never on the thread that
            // delivered the reply: the socket engine's one thread for a PostgreSQL reply (FastAGI's inline completions,
            // SocketCompletions) or SQLite's writer thread. Whatever the caller does next (hash a password, render a
            // page, export, or block on the data-protection key ring, which reads this database synchronously) must not
            // hold up the thread every call's commands and every database reply need. ForceYielding alone would not do
            // it: it only yields when the awaited task has already completed.
            if (!Thread.CurrentThread.IsThreadPoolThread)
                await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
    }

    private static Task<T> Observed<T>(Task<T> task)
    {
        if (!task.IsCompleted)
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        return task;
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

    protected abstract Task<T> ReadCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, int timeoutSeconds, CancellationToken cancellationToken);

    protected abstract Task<T> WriteCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, int timeoutSeconds, CancellationToken cancellationToken);

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

/// <summary>When the latest write ended and why it failed (null: committed).</summary>
internal sealed record WriteOutcome(DateTimeOffset At, string? Error);
