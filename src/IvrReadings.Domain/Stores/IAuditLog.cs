namespace IvrReadings.Domain;

/// <summary>The append-only audit log: corrections, review outcomes, staff changes, sign-ins, lockouts, exports.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first, filtered and paged.</summary>
    Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken cancellationToken);
}
