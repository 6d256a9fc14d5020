using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// SQLite has one writer at a time, so writes go through ONE writer connection fed by a queue: the writer drains what
/// is waiting, runs it all in one transaction and commits once (group commit), then completes every caller. With WAL
/// and <c>synchronous=FULL</c> the WAL is fsynced at each commit, so a completed write survives a power cut: "accepted"
/// is never said for a reading that could be lost; group commit is what keeps that affordable under load (one fsync
/// for a whole batch). If a batch fails, its items are retried one transaction each so one bad write cannot take its
/// neighbours down. Reads use their own pooled connections (WAL readers never wait for the writer).
/// </summary>
internal sealed class SqliteDatabase : Database
{
    private const int MaxBatch = 512;

    private readonly string connectionString;
    private readonly Channel<WriteItem> queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread writerThread;
    private readonly TaskCompletionSource writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, DbCommand> writerCommands = [];
    private SqliteConnection? writer;

    public SqliteDatabase(string connectionString, int commandTimeoutSeconds) : base(Dialect.Sqlite, commandTimeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = commandTimeoutSeconds,
        };
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
            throw new ArgumentException("SQLite needs a database file (Data Source=path): an in-memory database would lose every reading at restart.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        this.connectionString = builder.ConnectionString;
        // A thread of its own: under load the thread pool is busy with the callers, and the one writer must never queue
        // behind them for a thread. Its work is synchronous underneath (Microsoft.Data.Sqlite's async methods are).
        writerThread = new Thread(RunWriter) { IsBackground = true, Name = "sqlite-writer" };
        writerThread.Start();
    }

    public string ConnectionString => connectionString;

    protected override async Task<T> ReadCoreAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
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
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WriteItem(async session => await work(session, CancellationToken.None).ConfigureAwait(false), cancellationToken);
        if (!queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(SqliteDatabase), "The SQLite writer has stopped.");
        // No WaitAsync(cancellationToken) here: once queued the write either commits or fails, and the caller must
        // learn which (a hung-up caller is simply not waiting any more).
        return (T)(await item.Completion.Task.ConfigureAwait(false))!;
    }

    protected override async Task<DbConnection> OpenMigrationConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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
        // Blocking waits keep the loop on this thread (an await would resume it on the pool).
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
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

    private async Task<bool> TryRunBatchAsync(List<WriteItem> batch)
    {
        var results = new object?[batch.Count];
        try
        {
            var connection = await WriterAsync().ConfigureAwait(false);
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false))
            {
                var session = new DbSession(connection, transaction, writerCommands, Dialect, CommandTimeoutSeconds);
                for (var i = 0; i < batch.Count; i++) results[i] = await batch[i].Work(session).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }
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
                result = await item.Work(new DbSession(connection, transaction, writerCommands, Dialect, CommandTimeoutSeconds)).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }

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
        writer = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var pragma = writer.CreateCommand();
        // The writer touches every index (a billing import of a million meters): a 64 MiB page cache keeps them in memory.
        pragma.CommandText = "PRAGMA cache_size=-65536";
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

    private sealed class WriteItem(Func<DbSession, Task<object?>> work, CancellationToken cancellationToken)
    {
        public Func<DbSession, Task<object?>> Work { get; } = work;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
