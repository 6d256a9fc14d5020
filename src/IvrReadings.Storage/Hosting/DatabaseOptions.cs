using IvrReadings.Settings;

namespace IvrReadings.Storage;

/// <summary>Configuration section <c>Database</c> (env: <c>Database__Provider</c>, <c>Database__ConnectionString</c>, ...).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteFile = "data/ivr-readings.db";

    /// <summary><c>sqlite</c> (default, one file) or <c>postgres</c> (several servers sharing one database).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Empty: <c>Data Source=data/ivr-readings.db</c> for SQLite; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply schema migrations when the host starts (a hosted service). The CLI can call <see cref="IDatabaseMigrator"/> itself.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Run auto-fill in the background once the submission window of a period has closed.</summary>
    public bool AutoFill { get; set; } = true;

    /// <summary>Seconds a staff or bulk operation (console page, import batch, export, auto-fill) may take before it fails as
    /// <c>StorageUnavailableException</c>; also SQLite's busy timeout.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds any one operation a caller waits for (account lookup, history, storing a reading, a recording)
    /// may take, connection and commit included. Past it the caller hears "technical problem" instead of silence.</summary>
    public int CallerTimeoutSeconds { get; set; } = 3;

    /// <summary>PostgreSQL: the most connections this server opens (Npgsql's own default, 100, equals PostgreSQL's
    /// default <c>max_connections</c>: one busy server could take them all). Several servers: keep the sum, plus psql,
    /// exports and the console, below <c>max_connections</c>.</summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>PostgreSQL: seconds an idle pooled connection is kept before it is closed.</summary>
    public int PoolIdleSeconds { get; set; } = 30;

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(Section)
        .OneOf(nameof(Provider), Provider, "sqlite", "postgres", "postgresql")
        .Check(!IsPostgres || !string.IsNullOrWhiteSpace(ConnectionString),
            nameof(ConnectionString), "is required for PostgreSQL (Host=db;Database=ivr;Username=ivr;Password=...).")
        .AtLeast(nameof(CommandTimeoutSeconds), CommandTimeoutSeconds, 1)
        .AtLeast(nameof(CallerTimeoutSeconds), CallerTimeoutSeconds, 1)
        .AtLeast(nameof(MaxPoolSize), MaxPoolSize, 1)
        .AtLeast(nameof(PoolIdleSeconds), PoolIdleSeconds, 1)
        .List;

    internal bool IsPostgres => Provider?.Trim().ToLowerInvariant() is "postgres" or "postgresql";
}
