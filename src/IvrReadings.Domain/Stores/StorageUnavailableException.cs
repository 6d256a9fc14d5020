namespace IvrReadings.Domain;

/// <summary>
/// The one exception every store throws when the database cannot be reached or fails mid-operation. Whatever the
/// operation was writing is rolled back: the caller hears "technical problem, please call later" and nothing half-written stays.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public StorageUnavailableException() : base("The database is unavailable.")
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }
}
