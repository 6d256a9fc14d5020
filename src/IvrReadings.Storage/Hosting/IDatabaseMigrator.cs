namespace IvrReadings.Storage;

/// <summary>Brings the schema up to date (idempotent; safe to call from several servers at once).</summary>
public interface IDatabaseMigrator
{
    /// <summary>Applies the missing migrations and returns the schema version now in force.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);
}
