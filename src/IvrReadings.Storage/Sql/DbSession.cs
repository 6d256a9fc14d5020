using System.Data.Common;

namespace IvrReadings.Storage.Sql;

/// <summary>
/// A connection (and, for writes, its open transaction) handed to a unit of work. Commands are prepared once per
/// connection and reused: the SQLite writer keeps one connection for its lifetime, so its hot inserts are parsed once.
/// </summary>
internal sealed class DbSession
{
    private readonly Dictionary<string, DbCommand> commands;

    public DbSession(DbConnection connection, DbTransaction? transaction, Dictionary<string, DbCommand> commands, Dialect dialect, int commandTimeoutSeconds)
    {
        Connection = connection;
        Transaction = transaction;
        this.commands = commands;
        Dialect = dialect;
        CommandTimeoutSeconds = commandTimeoutSeconds;
    }

    public DbConnection Connection { get; }
    public DbTransaction? Transaction { get; }
    public Dialect Dialect { get; }
    public int CommandTimeoutSeconds { get; }

    /// <summary>A cached command for <paramref name="sql"/>, enlisted in the current transaction. Set every parameter before each use.</summary>
    public DbCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        // Per use: the SQLite writer's cached commands serve callers (short deadline) and imports (long) alike.
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Transaction = Transaction;
        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
