using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage;

/// <summary>
/// The console's data-protection key ring (the keys that sign cookies and anti-forgery tokens), kept in the database so
/// that every server on one database accepts what another issued. Keys are XML documents under a unique name; the
/// key manager adds new ones and never changes or removes one.
/// </summary>
public interface IDataProtectionKeyStore
{
    Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Adds a key; a name already stored is left as it is.</summary>
    Task AddAsync(string name, string xml, DateTimeOffset at, CancellationToken cancellationToken);
}

internal sealed class SqlDataProtectionKeyStore(Database db) : IDataProtectionKeyStore
{
    public Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<string>>(async (s, ct) => await Rows.ListAsync(s.Command("SELECT xml FROM data_protection_keys ORDER BY created_at, name"),
            r => r.GetString(0), ct).ConfigureAwait(false), cancellationToken);

    public Task AddAsync(string name, string xml, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        return db.WriteAsync((s, ct) => s.Command("INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@n, @x, @at) ON CONFLICT (name) DO NOTHING")
            .Set("@n", name).Set("@x", xml).Set("@at", DbValues.ToDb(at)).ExecuteNonQueryAsync(ct), cancellationToken);
    }
}
