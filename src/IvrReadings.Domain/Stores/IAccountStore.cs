namespace IvrReadings.Domain;

/// <summary>Accounts and their meters (written by the billing import; read by the call flows and the console).</summary>
public interface IAccountStore
{
    /// <summary>The account with its meters in billing-file (import) order, or null when unknown.</summary>
    Task<Account?> FindAsync(string accountNumber, CancellationToken cancellationToken);

    /// <summary>Accounts the caller number submitted readings for before, most recent first ("for account ... press 1").</summary>
    Task<IReadOnlyList<Account>> FindByCallerAsync(string callerNumber, int max, CancellationToken cancellationToken);

    Task<Meter?> FindMeterAsync(long meterId, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
