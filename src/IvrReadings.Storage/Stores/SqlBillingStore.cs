using System.Runtime.CompilerServices;
using IvrReadings.Domain;
using IvrReadings.Storage.Sql;

namespace IvrReadings.Storage.Stores;

internal sealed class SqlBillingStore(Database db) : IBillingStore
{
    private const int ExportPage = 5_000;

    public Task<IReadOnlyList<Reading>> ImportReadingsAsync(IReadOnlyList<NewReading> readings, CancellationToken cancellationToken) =>
        SqlReadingStore.StoreAsync(db, readings, Deadline.Staff, cancellationToken);

    public Task<ImportCounts> UpsertAsync(IReadOnlyList<AccountImportRow> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return Task.FromResult(default(ImportCounts));
        return db.WriteAsync(async (s, ct) =>
        {
            if (s.Dialect.IsPostgres) return await UpsertSetBasedAsync(s, batch, ct).ConfigureAwait(false);
            int inserted = 0, updated = 0;
            string? lastAccount = null;
            foreach (var row in batch)
            {
                // Billing files list an account's meters together: upsert the account once per run of rows.
                if (row.AccountNumber != lastAccount)
                {
                    await s.Command("""
                        INSERT INTO accounts (number, address, holder) VALUES (@n, @a, @h)
                        ON CONFLICT (number) DO UPDATE SET address = excluded.address,
                            holder = CASE WHEN excluded.holder = '' THEN accounts.holder ELSE excluded.holder END
                        """).Set("@n", row.AccountNumber).Set("@a", row.Address).Set("@h", row.Holder).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    lastAccount = row.AccountNumber;
                }

                // Insert-or-skip then update: portable, and tells new from existing without a read first.
                if (await Bind(s.Command("""
                        INSERT INTO meters (serial, account_number, kind, zones, digits, description, last_value_1, last_value_2, last_value_3, last_date, verification_date, autofill)
                        VALUES (@serial, @account, @kind, @zones, @digits, @description, @v1, @v2, @v3, @last, @verify, @autofill)
                        ON CONFLICT (serial) DO NOTHING
                        """), row).ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                {
                    inserted++;
                    continue;
                }

                await Bind(s.Command("""
                    UPDATE meters SET account_number = @account, kind = @kind, zones = @zones, digits = @digits, description = @description,
                        last_value_1 = @v1, last_value_2 = @v2, last_value_3 = @v3, last_date = @last, verification_date = @verify, autofill = @autofill
                    WHERE serial = @serial
                    """), row).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                updated++;
            }

            return new ImportCounts(inserted, updated);
        }, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: a row-at-a-time upsert pays a network round trip per row; instead the whole batch goes as arrays in
    /// two statements (accounts, meters), and <c>xmax = 0</c> tells inserted rows from updated ones.
    /// </summary>
    private static async Task<ImportCounts> UpsertSetBasedAsync(DbSession s, IReadOnlyList<AccountImportRow> batch, CancellationToken ct)
    {
        // One statement may not touch a row twice: keep the last row of a repeated key, as row-at-a-time would end up.
        var meters = batch.GroupBy(r => r.Serial).Select(g => g.Last()).ToList();
        var accounts = batch.GroupBy(r => r.AccountNumber).Select(g => g.Last()).ToList();
        await s.Command("""
            INSERT INTO accounts (number, address, holder)
            SELECT * FROM unnest(@numbers, @addresses, @holders)
            ON CONFLICT (number) DO UPDATE SET address = excluded.address,
                holder = CASE WHEN excluded.holder = '' THEN accounts.holder ELSE excluded.holder END
            """)
            .SetArray("@numbers", accounts.Select(a => a.AccountNumber).ToArray())
            .SetArray("@addresses", accounts.Select(a => a.Address).ToArray())
            .SetArray("@holders", accounts.Select(a => a.Holder).ToArray())
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);

        var command = s.Command("""
            INSERT INTO meters (serial, account_number, kind, zones, digits, description, last_value_1, last_value_2, last_value_3, last_date, verification_date, autofill)
            SELECT * FROM unnest(@serials, @accounts, @kinds, @zones, @digits, @descriptions, @v1, @v2, @v3, @last, @verify, @autofill)
            ON CONFLICT (serial) DO UPDATE SET account_number = excluded.account_number, kind = excluded.kind, zones = excluded.zones,
                digits = excluded.digits, description = excluded.description, last_value_1 = excluded.last_value_1,
                last_value_2 = excluded.last_value_2, last_value_3 = excluded.last_value_3, last_date = excluded.last_date,
                verification_date = excluded.verification_date, autofill = excluded.autofill
            RETURNING (xmax = 0)
            """)
            .SetArray("@serials", meters.Select(r => r.Serial).ToArray())
            .SetArray("@accounts", meters.Select(r => r.AccountNumber).ToArray())
            .SetArray("@kinds", meters.Select(r => r.Kind.ToString()).ToArray())
            .SetArray("@zones", meters.Select(r => r.ZoneCount).ToArray())
            .SetArray("@digits", meters.Select(r => r.Digits).ToArray())
            .SetArray("@descriptions", meters.Select(r => r.Description).ToArray())
            .SetArray("@v1", meters.Select(r => r.LastValues.Count > 0 ? r.LastValues[0] : (long?)null).ToArray())
            .SetArray("@v2", meters.Select(r => r.LastValues.Count > 1 ? r.LastValues[1] : (long?)null).ToArray())
            .SetArray("@v3", meters.Select(r => r.LastValues.Count > 2 ? r.LastValues[2] : (long?)null).ToArray())
            .SetArray("@last", meters.Select(r => r.LastDate is { } d ? DbValues.ToDb(d) : null).ToArray())
            .SetArray("@verify", meters.Select(r => r.NextVerification is { } v ? DbValues.ToDb(v) : null).ToArray())
            .SetArray("@autofill", meters.Select(r => r.AutoFillAmount).ToArray());
        var inserted = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                if (reader.GetBoolean(0)) inserted++;
        }

        return new ImportCounts(inserted, batch.Count - inserted);
    }

    private static System.Data.Common.DbCommand Bind(System.Data.Common.DbCommand command, AccountImportRow row) => command
        .Set("@serial", row.Serial).Set("@account", row.AccountNumber).Set("@kind", row.Kind.ToString()).Set("@zones", row.ZoneCount)
        .Set("@digits", row.Digits).Set("@description", row.Description)
        .Set("@v1", row.LastValues.Count > 0 ? row.LastValues[0] : null)
        .Set("@v2", row.LastValues.Count > 1 ? row.LastValues[1] : null)
        .Set("@v3", row.LastValues.Count > 2 ? row.LastValues[2] : null)
        .Set("@last", row.LastDate is { } d ? DbValues.ToDb(d) : null)
        .Set("@verify", row.NextVerification is { } v ? DbValues.ToDb(v) : null)
        .Set("@autofill", row.AutoFillAmount);

    public async IAsyncEnumerable<ExportRow> ExportAsync(BillingPeriod period, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Keyset pages by meter id: bounded memory on a million meters, and no connection held open between pages.
        long after = 0;
        while (true)
        {
            var page = await db.ReadAsync(async (s, ct) => await Rows.ListAsync(s.Command($"""
                SELECT m.account_number, m.serial, m.kind, x.zone, x.value, x.submitted_at, x.channel, x.status, x.flags, m.id
                FROM (SELECT r.meter_id, r.zone, r.value, r.submitted_at, r.channel, r.status, r.flags,
                             ROW_NUMBER() OVER (PARTITION BY r.meter_id, r.zone
                                                ORDER BY CASE WHEN r.channel = 'AutoFill' THEN 1 ELSE 0 END, r.submitted_at DESC, r.id DESC) AS rn
                      FROM readings r
                      WHERE r.period = @p AND r.status = 'Accepted'
                        AND r.meter_id IN (SELECT DISTINCT meter_id FROM readings WHERE period = @p AND status = 'Accepted' AND meter_id > @after
                                           ORDER BY meter_id LIMIT {ExportPage})) x
                JOIN meters m ON m.id = x.meter_id
                WHERE x.rn = 1
                ORDER BY m.id, {DbValues.ZoneRank}
                """).Set("@p", period.Key).Set("@after", after),
                r => (Row: new ExportRow(r.GetString(0), r.GetString(1), DbValues.Enum<MeterKind>(r.GetString(2)), DbValues.Enum<Zone>(r.GetString(3)),
                    r.Int64(4), DbValues.FromDb(r.Int64(5)), DbValues.Enum<SubmissionChannel>(r.GetString(6)), DbValues.Enum<ReadingStatus>(r.GetString(7)),
                    (ReadingFlags)r.Int32(8)), MeterId: r.Int64(9)), ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (page.Count == 0) yield break;
            foreach (var (row, _) in page) yield return row;
            after = page[^1].MeterId;
        }
    }
}
