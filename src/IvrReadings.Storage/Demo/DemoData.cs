using IvrReadings.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IvrReadings.Storage;

/// <summary>
/// A few dozen realistic accounts for demos and the phone simulator (listed in docs/storage.md). Values are fixed;
/// dates follow today: the last billed reading is dated the 20th of last month, with five earlier months of history
/// so the large-jump rule has an average to compare with.
/// </summary>
public static class DemoData
{
    /// <summary>One demo meter: kind, zones' previous values (asking order), digits, description, auto-fill amount, verification overdue.</summary>
    public sealed record DemoMeter(MeterKind Kind, long[] Previous, int Digits, string Description = "", long? AutoFill = null, bool VerificationOverdue = false);

    public sealed record DemoAccount(string Number, string Holder, string Address, DemoMeter[] Meters);

    private static DemoMeter Elec(params long[] zones) => new(MeterKind.Electricity, zones, 6);
    private static DemoMeter Cold(long v, string where = "") => new(MeterKind.ColdWater, [v], 5, where);
    private static DemoMeter Hot(long v, string where = "") => new(MeterKind.HotWater, [v], 5, where);
    private static DemoMeter Gas(long v) => new(MeterKind.Gas, [v], 5);
    private static DemoMeter Heat(long v) => new(MeterKind.Heat, [v], 6);

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("1234567", "Петров Сергей Иванович", "г. Сыктывкар, ул. Коммунистическая, д. 5, кв. 12",
            [Elec(6100, 2010), Cold(412, "кухня"), Cold(287, "ванная")]),
        new("2345678", "Иванова Мария Петровна", "г. Сыктывкар, Октябрьский пр-т, д. 131, кв. 45", [Elec(15234), Gas(3481)]),
        new("3456789", "Смирнов Алексей Викторович", "г. Красноярск, ул. Карла Маркса, д. 48, кв. 7",
            [Elec(3120, 5480, 2210), Hot(198), Cold(356)]),
        new("4567890", "Кузнецова Ольга Николаевна", "г. Тюмень, ул. Республики, д. 61, кв. 90",
            [Heat(1234), new DemoMeter(MeterKind.Electricity, [8800], 6, "", AutoFill: 150)]),
        new("5678901", "Попов Николай Андреевич", "г. Ухта, пр-т Ленина, д. 22, кв. 3",
            [new DemoMeter(MeterKind.Electricity, [45012], 6, "", VerificationOverdue: true), Cold(905)]),
        new("6789012", "Васильева Анна Сергеевна", "г. Сыктывкар, ул. Первомайская, д. 70, кв. 18",
            [Elec(7450, 3120), Cold(233, "кухня"), Cold(198, "ванная"), Hot(141, "кухня"), Hot(120, "ванная")]),
        new("7890123", "Соколов Дмитрий Юрьевич", "с. Выльгорт, ул. Домны Каликовой, д. 14",
            [Elec(23877), Gas(10245), Cold(1502)]),
        new("8901234", "Михайлова Елена Владимировна", "г. Воркута, ул. Ленина, д. 38, кв. 51",
            [Elec(5610), Heat(877), Hot(402), Cold(611)]),
        new("9012345", "Новиков Иван Петрович", "п. Максаковка, ул. Центральная, д. 3",
            [new DemoMeter(MeterKind.Electricity, [12040], 6, "", AutoFill: 0)]),
        new("10234567", "Фёдорова Татьяна Александровна", "г. Кременчуг, ул. Соборная, д. 20, кв. 8", [Elec(30215, 11870), Gas(5120)]),
        new("11234567", "Морозов Павел Сергеевич", "г. Красноярск, пр-т Мира, д. 91, кв. 120", [Elec(2210, 4105, 1580), Cold(74), Hot(52)]),
        new("12234567", "Волкова Ирина Михайловна", "г. Тюмень, ул. Мельникайте, д. 106, кв. 33", [Elec(9981), Cold(340), Hot(211)]),
        new("123456789012", "ТСЖ «Северное сияние» (Лебедев Олег Игоревич)", "г. Сыктывкар, ул. Пушкина, д. 104",
            [new DemoMeter(MeterKind.Electricity, [104320, 51200], 7), new DemoMeter(MeterKind.Heat, [20450], 7)]),
        new("13234567", "Алексеев Артём Дмитриевич", "г. Сыктывкар, ул. Катаева, д. 29, кв. 66", [Elec(4420), Cold(118, "кухня"), Cold(97, "ванная")]),
        new("14234567", "Лебедева Наталья Ивановна", "г. Ухта, ул. 30 лет Октября, д. 7, кв. 14", [Elec(18760, 6540), Gas(2277)]),
        new("15234567", "Семёнов Виктор Павлович", "с. Корткерос, ул. Советская, д. 55", [Elec(33101), Gas(15880), Cold(2044)]),
        new("16234567", "Егорова Светлана Олеговна", "г. Красноярск, ул. Ленина, д. 113, кв. 2", [Elec(6012), Heat(1540), Hot(330), Cold(512)]),
        new("17234567", "Павлов Андрей Николаевич", "г. Тюмень, ул. Широтная, д. 150, кв. 201", [Elec(1290, 870), Cold(45), Hot(31)]),
        new("18234567", "Козлова Людмила Васильевна", "г. Воркута, ул. Гагарина, д. 9, кв. 40", [Elec(27744), Heat(3301)]),
        new("19234567", "Степанов Григорий Алексеевич", "г. Кременчуг, ул. Независимости, д. 44, кв. 19", [Elec(8123), Gas(4410), Cold(268)]),
        new("20234567", "Николаева Валентина Петровна", "п. Седкыркещ, ул. Лесная, д. 12", [new DemoMeter(MeterKind.Electricity, [9120], 5, "", AutoFill: 90)]),
        new("21234567", "Орлов Константин Евгеньевич", "г. Сыктывкар, ул. Морозова, д. 201, кв. 77", [Elec(3340, 1975), Cold(150, "кухня"), Cold(133, "ванная"), Hot(99)]),
        new("22234567", "Андреева Юлия Романовна", "г. Красноярск, ул. Урицкого, д. 61, кв. 15", [Elec(11450, 8830, 4120), Cold(604), Hot(377)]),
        new("23234567", "Макаров Евгений Борисович", "г. Тюмень, ул. Харьковская, д. 75, кв. 58", [Elec(21500), Gas(7890)]),
        new("24234567", "Захарова Оксана Игоревна", "г. Ухта, ул. Интернациональная, д. 41, кв. 6", [Elec(4980), Cold(321), Hot(255), Heat(712)]),
        new("25234567", "Зайцев Роман Владимирович", "с. Айкино, ул. Школьная, д. 8", [Elec(56780), Cold(3012)]),
        new("26234567", "Соловьёва Галина Фёдоровна", "г. Сыктывкар, ул. Ленина, д. 39, кв. 4", [Elec(2750, 1320), Gas(980), Cold(176)]),
        new("27234567", "Борисов Михаил Аркадьевич", "г. Кременчуг, ул. Пушкина, д. 33, кв. 71", [Elec(13002), Heat(2890), Hot(415)]),
        new("28234567", "Яковлева Дарья Константиновна", "г. Красноярск, ул. Взлётная, д. 7, кв. 143", [Elec(1560, 2480, 990), Cold(88, "кухня"), Cold(61, "ванная")]),
        new("29234567", "Григорьев Станислав Олегович", "г. Тюмень, ул. Федюнинского, д. 62, кв. 12", [Elec(7305), Cold(444), Hot(290)]),
    ];

    /// <summary>Seeds only an empty database (no accounts). Returns true when it seeded.</summary>
    public static async Task<bool> SeedAsync(IAccountStore accounts, IBillingStore billing, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(billing);
        ArgumentNullException.ThrowIfNull(time);
        if (await accounts.CountAsync(cancellationToken).ConfigureAwait(false) > 0) return false;

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var lastPeriod = BillingPeriod.Of(today).Previous();
        var lastDate = new DateOnly(lastPeriod.Year, lastPeriod.Month, 20);
        var rows = new List<AccountImportRow>();
        foreach (var account in Accounts)
        {
            for (var i = 0; i < account.Meters.Length; i++)
            {
                var m = account.Meters[i];
                var verification = m.VerificationOverdue ? today.AddMonths(-2) : today.AddYears(2 + i % 4);
                rows.Add(new AccountImportRow(account.Number, account.Address, account.Holder, Serial(account, i), m.Kind, m.Previous.Length, m.Digits,
                    m.Description, m.Previous, lastDate, verification, m.AutoFill));
            }
        }

        await billing.UpsertAsync(rows, cancellationToken).ConfigureAwait(false);

        // Five months of earlier readings, falling back by a steady monthly consumption, as if keyed by phone.
        var history = new List<NewReading>();
        foreach (var account in Accounts)
        {
            var stored = await accounts.FindAsync(account.Number, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Demo account {account.Number} was not stored.");
            for (var i = 0; i < account.Meters.Length; i++)
            {
                var meter = stored.Meters.Single(x => x.Serial == Serial(account, i));
                for (var back = 1; back <= 5; back++)
                {
                    var period = lastPeriod.AddMonths(-back);
                    var at = new DateTimeOffset(period.Year, period.Month, 18, 9, 30, 0, TimeSpan.FromHours(3));
                    for (var z = 0; z < meter.ZoneCount; z++)
                    {
                        var value = Math.Max(0, account.Meters[i].Previous[z] - back * MonthlyUse(meter.Kind, z));
                        history.Add(new NewReading(meter.Id, meter.Zones[z], value, period, at, SubmissionChannel.Keys, CallerNumber: "+7821200" + account.Number[^4..]));
                    }
                }
            }
        }

        // Bulk work, not a caller's: the staff deadline (Database:CommandTimeoutSeconds), however long the batch takes.
        await billing.ImportReadingsAsync(history, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return SeedAsync(services.GetRequiredService<IAccountStore>(), services.GetRequiredService<IBillingStore>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System, cancellationToken);
    }

    /// <summary>Meter numbers as billing prints them: kind letter, account, position.</summary>
    public static string Serial(DemoAccount account, int index)
    {
        ArgumentNullException.ThrowIfNull(account);
        var letter = account.Meters[index].Kind switch
        {
            MeterKind.Electricity => "E",
            MeterKind.Gas => "G",
            MeterKind.ColdWater => "CW",
            MeterKind.HotWater => "HW",
            _ => "H",
        };
        return $"{letter}-{account.Number}-{index + 1}";
    }

    /// <summary>A plausible month's use per kind (kWh, m³, Gcal×100) for the invented history.</summary>
    public static long MonthlyUse(MeterKind kind, int zone) => kind switch
    {
        MeterKind.Electricity => zone == 0 ? 120 : 60,
        MeterKind.Gas => 35,
        MeterKind.ColdWater => 6,
        MeterKind.HotWater => 4,
        _ => 12,
    };
}
