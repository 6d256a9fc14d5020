namespace IvrReadings.Storage.Sql;

/// <summary>
/// How long one store operation may take from start to answer (waiting for a connection or the writer, the commands,
/// the commit). Past it the operation fails as <see cref="Domain.StorageUnavailableException"/>, whatever the database is
/// doing: a frozen server must never keep a caller in silence.
/// </summary>
internal enum Deadline
{
    /// <summary><c>Database:CommandTimeoutSeconds</c>: staff pages, imports, exports, auto-fill.</summary>
    Staff,

    /// <summary><c>Database:CallerTimeoutSeconds</c>: what a caller on the line waits for.</summary>
    Caller,
}
