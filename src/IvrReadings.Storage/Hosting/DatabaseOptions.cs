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

    /// <summary>Seconds a command may run before it fails as <c>StorageUnavailableException</c>.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}
