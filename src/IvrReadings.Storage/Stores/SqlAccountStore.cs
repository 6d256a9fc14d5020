using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlAccountStore(Database db) : IAccountStore
{
    public Task<Account?> FindAsync(string accountNumber, CancellationToken cancellationToken) =>
        db.ReadAsync((s, ct) => LoadAsync(s, accountNumber, ct), cancellationToken, Deadline.Caller);

    public Task<IReadOnlyList<Account>> FindByCallerAsync(string callerNumber, int max, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Account>>(async (s, ct) =>
        {
            var command = s.Command("""
                SELECT m.account_number, MAX(r.submitted_at) AS last_at
                FROM readings r JOIN meters m ON m.id = r.meter_id
                WHERE r.caller_number = @caller
                GROUP BY m.account_number
                ORDER BY last_at DESC, m.account_number
                LIMIT @max
                """).Set("@caller", CallerNumber.Normalize(callerNumber)).Set("@max", max);
            var numbers = await Rows.ListAsync(command, r => r.GetString(0), ct).ConfigureAwait(false);
            var accounts = new List<Account>(numbers.Count);
            foreach (var number in numbers)
                if (await LoadAsync(s, number, ct).ConfigureAwait(false) is { } account) accounts.Add(account);
            return accounts;
        }, cancellationToken, Deadline.Caller);

    public Task<Meter?> FindMeterAsync(long meterId, CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) =>
        {
            var command = s.Command($"SELECT {Rows.MeterColumns} FROM meters WHERE id = @id").Set("@id", meterId);
            return (await Rows.ListAsync(command, Rows.Meter, ct).ConfigureAwait(false)).FirstOrDefault();
        }, cancellationToken, Deadline.Caller);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(async (s, ct) => (int)await Rows.ScalarAsync(s.Command("SELECT COUNT(*) FROM accounts"), ct).ConfigureAwait(false), cancellationToken);

    internal static async Task<Account?> LoadAsync(DbSession s, string accountNumber, CancellationToken ct)
    {
        var account = s.Command("SELECT number, address, holder FROM accounts WHERE number = @n").Set("@n", accountNumber);
        var head = (await Rows.ListAsync(account, r => (Number: r.GetString(0), Address: r.GetString(1), Holder: r.GetString(2)), ct).ConfigureAwait(false)).FirstOrDefault();
        if (head.Number is null) return null;
        // Billing-file order (insertion order): the order the utility lists the meters on the bill.
        var meters = s.Command($"SELECT {Rows.MeterColumns} FROM meters WHERE account_number = @n ORDER BY id").Set("@n", accountNumber);
        return new Account(head.Number, head.Address, head.Holder, await Rows.ListAsync(meters, Rows.Meter, ct).ConfigureAwait(false));
    }
}
