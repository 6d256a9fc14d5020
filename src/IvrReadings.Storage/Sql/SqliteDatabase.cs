using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// SQLite has one writer at a time, so writes go through ONE writer connection fed by a queue: the writer drains what
/// is waiting, runs it all in one transaction and commits once (group commit), then completes every caller. With WAL
/// and <c>synchronous=FULL</c> the WAL is fsynced at each commit, so a completed write survives a power cut: "accepted"
/// is never said for a reading that could be lost; group commit is what keeps that affordable under load (one fsync
/// for a whole batch). If a batch fails, its items are retried one transaction each so one bad write cannot take its
/// neighbours down. Reads use their own pooled connections (WAL readers never wait for the writer).
/// <para>
/// The writer also copies the WAL back into the database file (checkpoint), but only when its queue is empty. Left to
/// SQLite, the checkpoint runs inside whichever commit pushes the WAL past 1,000 pages: that caller waits for the page
/// copy and an fsync of the database file, and so do the commits queued behind it. That was the whole tail of a commit
/// at call pace (p99 4.6-6.0 ms with it, 0.9-1.5 ms with the checkpoint here; a checkpoint on a second connection,
/// concurrent with commits, still slowed their fsyncs: 2.2-2.4 ms).
/// </para>
/// </summary>
internal sealed partial class SqliteDatabase : Database
{
    private const int MaxBatch = 512;

    /// <summary>At most one checkpoint in this long while commits flow; after this long idle, the WAL is checkpointed.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A writer that never idles (an import, a saturated line) still checkpoints inside a commit once the WAL reaches this
    /// many pages (40 MiB): SQLite's own autocheckpoint, kept as the bound on the file.
    /// </summary>
    private const int AutoCheckpointPages = 10_000;

    /// <summary>
    /// The writer's page cache, KiB. SQLite keeps every page its connection has read or written until the cache is full,
    /// so the cache follows the database file up to this size and stays there: a server's memory. A commit touches a
    /// path from each index's root to a leaf (a few dozen pages); a page not cached comes from the OS's file cache
    /// (microseconds, against the commit's fsync of milliseconds). Measured: docs/storage.md (the writer's page cache).
    /// </summary>
    internal const int WriterCacheKiB = 2048;

    private readonly string connectionString;
    private readonly string writerConnectionString;
    private readonly Channel<WriteItem> queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread writerThread;
    private readonly TaskCompletionSource writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, DbCommand> writerCommands = [];
    private readonly ILogger logger;
    private SqliteConnection? writer;
    private bool uncheckpointed;
    private long lastCheckpoint;

    public SqliteDatabase(string connectionString, DatabaseOptions options, ILogger logger) : base(Dialect.Sqlite, options)
    {
        this.logger = logger;
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = CommandTimeoutSeconds,
        };
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
            throw new ArgumentException("SQLite needs a database file (Data Source=path): an in-memory database would lose every reading at restart.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        this.connectionString = builder.ConnectionString;
        // The writer is never pooled: a file opened while it was read-only (permissions, a full disk remounted) stays
        // read-only in its handle, and a pooled handle would come back after every reset. A fresh one sees the file as it is now.
        builder.Pooling = false;
        writerConnectionString = builder.ConnectionString;
        // A thread of its own: under load the thread pool is busy with the callers, and the one writer must never queue
        // behind them for a thread. Its work is synchronous underneath (Microsoft.Data.Sqlite's async methods are).
        writerThread = new Thread(RunWriter) { IsBackground = true, Name = "sqlite-writer" };
        writerThread.Start();
    }

    public string ConnectionString => connectionString;

    protected override async Task<T> ReadCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
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
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WriteItem(async session => await work(session, CancellationToken.None).ConfigureAwait(false), timeoutSeconds, cancellationToken);
        if (!queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(SqliteDatabase), "The SQLite writer has stopped.");
        // Once queued the write either commits or fails; a write still queued when its deadline passes is dropped
        // by the writer (its caller has been told it failed), one already running goes on to its commit.
        return (T)(await item.Completion.Task.ConfigureAwait(false))!;
    }

    protected override async Task<DbConnection> OpenMigrationConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);

    private async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // WAL persists in the file; synchronous and busy_timeout are per connection.
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout={CommandTimeoutSeconds * 1000};";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void RunWriter()
    {
        try
        {
            RunWriterAsync().GetAwaiter().GetResult();
        }
        finally
        {
            writerStopped.TrySetResult();
        }
    }

    private async Task RunWriterAsync()
    {
        var batch = new List<WriteItem>(MaxBatch);
        var reader = queue.Reader;
        while (WaitForWork(reader))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item.CancellationToken.IsCancellationRequested) item.Completion.TrySetCanceled(item.CancellationToken);
                else batch.Add(item);
            }

            if (batch.Count == 0) continue;
            try
            {
                if (batch.Count == 1 || !await TryRunBatchAsync(batch).ConfigureAwait(false))
                {
                    foreach (var item in batch) await RunSingleAsync(item).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                // Never let the one writer die with callers waiting: a caller whose fate is unknown fails (not committed
                // or committed, it is told nothing went through and may try again: history is append-only, so at worst
                // the same figure is stored twice and the latest one counts).
                foreach (var item in batch) item.Completion.TrySetException(ex);
            }
        }

        await CloseWriterAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Blocks until work is queued (true) or the queue is completed (false): blocking keeps the loop on this thread (an
    /// await would resume it on the pool). When a batch has just been committed, nothing is queued and the last checkpoint
    /// is <see cref="CheckpointInterval"/> old, it checkpoints first: in the gap that follows a commit, so no caller waits
    /// for it. A writer left idle with commits in the WAL checkpoints after one interval of quiet.
    /// </summary>
    private bool WaitForWork(ChannelReader<WriteItem> reader)
    {
        var work = reader.WaitToReadAsync().AsTask();
        if (uncheckpointed && !work.IsCompleted && Stopwatch.GetElapsedTime(lastCheckpoint) >= CheckpointInterval) Checkpoint();
        while (uncheckpointed && !work.Wait(CheckpointInterval)) Checkpoint();
        return work.GetAwaiter().GetResult();
    }

    private void Checkpoint()
    {
        uncheckpointed = false;
        lastCheckpoint = Stopwatch.GetTimestamp();
        if (writer is null) return;
        try
        {
            using var command = writer.CreateCommand();
            // PASSIVE: copies what it can without waiting for readers; a busy database is simply tried after the next commit.
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            // Maintenance, not a caller's write: it must never take the one writer down. The next commit reports a real
            // fault to its caller (on a fresh connection if this one broke) and brings another try.
            LogCheckpointFailed(logger, ex);
            if (ex is not SqliteException { SqliteErrorCode: 5 or 6 }) ResetWriterAsync().GetAwaiter().GetResult();
        }
    }

    private void Committed() => uncheckpointed = true;

    private async Task<bool> TryRunBatchAsync(List<WriteItem> batch)
    {
        var results = new object?[batch.Count];
        try
        {
            var connection = await WriterAsync().ConfigureAwait(false);
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false))
            {
                var session = new DbSession(connection, transaction, writerCommands, Dialect, batch.Max(item => item.TimeoutSeconds));
                for (var i = 0; i < batch.Count; i++) results[i] = await batch[i].Work(session).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }

            Committed();
        }
        catch (Exception ex)
        {
            // Something in the batch failed and the whole transaction rolled back: the items go again one by one.
            // Only a database-level failure puts the connection in doubt; a refused write or a caller's own exception does not.
            if (ex is DbException && !IsConstraintViolation(ex)) await ResetWriterAsync().ConfigureAwait(false);
            return false;
        }

        for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
        return true;
    }

    private async Task RunSingleAsync(WriteItem item)
    {
        try
        {
            var connection = await WriterAsync().ConfigureAwait(false);
            object? result;
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false))
            {
                result = await item.Work(new DbSession(connection, transaction, writerCommands, Dialect, item.TimeoutSeconds)).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }

            Committed();
            item.Completion.TrySetResult(result);
        }
        catch (Exception ex)
        {
            if (ex is DbException && !IsConstraintViolation(ex)) await ResetWriterAsync().ConfigureAwait(false);
            item.Completion.TrySetException(ex);
        }
    }

    private async Task<SqliteConnection> WriterAsync()
    {
        if (writer is not null) return writer;
        writer = await OpenAsync(writerConnectionString, CancellationToken.None).ConfigureAwait(false);
        await using var pragma = writer.CreateCommand();
        // Checkpoints are the idle writer's (above); a WAL that an import grew is cut back to 64 MiB once it restarts.
        pragma.CommandText = $"PRAGMA cache_size=-{WriterCacheKiB}; PRAGMA wal_autocheckpoint={AutoCheckpointPages}; PRAGMA journal_size_limit={64 << 20}";
        await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        return writer;
    }

    /// <summary>After a failure the connection may be in any state (disk full, file replaced): start afresh.</summary>
    private async Task ResetWriterAsync()
    {
        try
        {
            await CloseWriterAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing a broken connection can fail in any way; it is being thrown away either way.
            writerCommands.Clear();
            writer = null;
        }
    }

    private async Task CloseWriterAsync()
    {
        foreach (var command in writerCommands.Values) await command.DisposeAsync().ConfigureAwait(false);
        writerCommands.Clear();
        if (writer is not null) await writer.DisposeAsync().ConfigureAwait(false);
        writer = null;
    }

    public override async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writerStopped.Task.ConfigureAwait(false);
        // Pooled read connections would keep the file open (and its WAL un-checkpointed) after the stores are gone.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite WAL checkpoint failed; it is tried again after the next commit")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    private sealed class WriteItem(Func<DbSession, Task<object?>> work, int timeoutSeconds, CancellationToken cancellationToken)
    {
        public Func<DbSession, Task<object?>> Work { get; } = work;
        public int TimeoutSeconds { get; } = timeoutSeconds;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
