using System.Text;
using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    private const string Header = "account,address,meter,kind,zones,digits,description,last_reading,last_date,verification_date,autofill";

    private async Task<ImportSummary> ImportTextAsync(string csv, List<ImportError>? reported = null, List<ImportProgress>? progress = null)
    {
        // A tiny batch size so a small file still crosses batch boundaries.
        var importer = new AccountImporter(Billing, Organisation) { BatchSize = 2 };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await importer.ImportAsync(stream, progress is null ? null : new SyncProgress<ImportProgress>(progress.Add), reported is null ? null : reported.Add, default);
    }

    [StoreFact]
    public async Task Importing_a_billing_file_reports_bad_rows_by_line_and_keeps_the_good_ones()
    {
        var csv = $"""
            {Header}
            1234567,"г. Сыктывкар, ул. Ленина, д. 1, кв. 2",E-100,electricity,2,6,,6100;2010,2026-10-20,2031-05-01,
            1234567,"г. Сыктывкар, ул. Ленина, д. 1, кв. 2",CW-100,cold_water,1,5,кухня,412,2026-10-20,,6
            1234567,"г. Сыктывкар, ул. Ленина, д. 1, кв. 2",CW-101,cold_water,1,5,ванная,,,,
            12,"short account",X-1,gas,1,5,,,,,
            7654321,"ул. Мира, 5",X-2,steam,1,5,,,,,
            7654321,"ул. Мира, 5",X-3,electricity,2,6,,100,2026-10-20,,
            7654321,"ул. Мира, 5",X-4,gas,1,5,,100,20.10.2026,,
            7654321,"ул. Мира, 5",X-5,gas,1,5,,1000000,2026-10-20,,
            7654321,"ул. Мира, 5",X-6,gas,1,5,
            7654321,"ул. Мира, 5",G-1,gas,1,5,,3481,2026-10-20,,0
            """;
        var reported = new List<ImportError>();
        var progress = new List<ImportProgress>();
        var summary = await ImportTextAsync(csv, reported, progress);

        Assert.Equal((4, 0, 6), (summary.Inserted, summary.Updated, summary.Rejected));
        Assert.Equal([5, 6, 7, 8, 9, 10], summary.Errors.Select(e => e.Line));
        Assert.Equal(summary.Errors, reported);
        Assert.Contains("account", summary.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("kind", summary.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("2 zone", summary.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("last_date", summary.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("5 digits", summary.Errors[4].Reason, StringComparison.Ordinal);
        Assert.Contains("fields", summary.Errors[5].Reason, StringComparison.Ordinal);
        Assert.Equal(10, progress[^1].Rows);

        var account = (await Accounts.FindAsync("1234567", default))!;
        Assert.Equal("г. Сыктывкар, ул. Ленина, д. 1, кв. 2", account.Address);
        Assert.Equal([6100L, 2010L], account.Meters[0].Last.Select(l => l.Value));
        Assert.Equal(6, account.Meters[1].AutoFillAmount);
        Assert.Equal(0, (await Accounts.FindAsync("7654321", default))!.Meters.Single().AutoFillAmount);

        var again = await ImportTextAsync($"""
            {Header}
            1234567,"г. Сыктывкар, ул. Ленина, д. 1, кв. 2",E-100,electricity,2,6,,6200;2050,2026-11-20,2031-05-01,
            """);
        Assert.Equal((0, 1, 0), (again.Inserted, again.Updated, again.Rejected));
        Assert.Equal([6200L, 2050L], (await Accounts.FindAsync("1234567", default))!.Meters[0].Last.Select(l => l.Value));
    }

    [StoreFact]
    public async Task A_file_without_the_expected_columns_is_refused_whole() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => ImportTextAsync("account,address\n1234567,x\n"));

    [StoreFact]
    public async Task Exporting_writes_the_counting_readings_as_billing_csv()
    {
        var meters = await MetersAsync(Row("1234567", "E-1", zones: 2), Row("1234567", "CW-1", kind: MeterKind.ColdWater));
        var at = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromHours(3));
        await Readings.SubmitAsync(
        [
            Keyed(meters["E-1"], 6116, Zone.Day, at: at), Keyed(meters["E-1"], 2015, Zone.Night, at: at) with { Flags = ReadingFlags.LowerThanPrevious | ReadingFlags.VerificationOverdue },
            Keyed(meters["CW-1"], 420, at: at, channel: SubmissionChannel.Staff) with { Flags = ReadingFlags.StaffCorrected, EnteredBy = "ivanova" },
        ], default);
        var writer = new StringWriter();
        var count = await new ReadingExporter(Billing).ExportAsync(Nov, writer, default);
        Assert.Equal(3, count);
        Assert.Equal("""
            account,meter,kind,zone,value,submitted_at,channel,status,flags
            1234567,E-1,electricity,day,6116,2026-11-20T06:15:00.000Z,keys,accepted,
            1234567,E-1,electricity,night,2015,2026-11-20T06:15:00.000Z,keys,accepted,lower_than_previous;verification_overdue
            1234567,CW-1,cold_water,total,420,2026-11-20T06:15:00.000Z,staff,accepted,staff_corrected

            """.ReplaceLineEndings("\n"), writer.ToString());
    }
}
