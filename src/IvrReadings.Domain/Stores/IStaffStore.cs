namespace IvrReadings.Domain;

/// <summary>Console users. Logins are compared case-insensitively (stored lower-case).</summary>
public interface IStaffStore
{
    Task<StaffUser?> GetAsync(string login, CancellationToken cancellationToken);

    /// <summary>All users by login.</summary>
    Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when the login exists already.</summary>
    Task<bool> CreateAsync(StaffUser user, CancellationToken cancellationToken);

    /// <summary>Replaces role, hash, failed attempts and lock of an existing user; false when unknown.</summary>
    Task<bool> UpdateAsync(StaffUser user, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string login, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
