using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

public sealed class OrganisationTests
{
    [Theory]
    [InlineData("1234567", true)]
    [InlineData("12345", true)]
    [InlineData("123456789012", true)]
    [InlineData("1234", false)]
    [InlineData("1234567890123", false)]
    [InlineData("12345a7", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Account_numbers_are_digits_within_the_organisations_range(string? keyed, bool ok)
    {
        var finding = AccountNumberRule.Check(Some.Organisation(), keyed);
        Assert.Equal(ok, finding is null);
        if (!ok) Assert.Equal(new Finding(Reason.AccountNumberLength, Digits: 5, MaxDigits: 12), finding);
    }

    [Fact]
    public void Options_default_to_a_15_to_25_Moscow_window_in_russian()
    {
        var organisation = new OrganisationOptions().ToOrganisation();
        Assert.Equal((15, 25, "Europe/Moscow"), (organisation.Window.FirstDay, organisation.Window.LastDay, organisation.Window.TimeZoneId));
        Assert.Equal(PromptLanguage.Ru, organisation.Language);
        Assert.Equal(3, organisation.JumpFactor);
    }

    [Theory]
    [InlineData("de", 5, 12)]
    [InlineData("ru", 4, 12)]
    [InlineData("ru", 8, 7)]
    [InlineData("ru", 5, 13)]
    public void Options_refuse_nonsense(string language, int min, int max) =>
        Assert.ThrowsAny<ArgumentException>(() => new OrganisationOptions { Language = language, AccountDigitsMin = min, AccountDigitsMax = max }.ToOrganisation());

    [Fact]
    public void Typical_monthly_use_is_set_per_kind_by_name_and_the_rest_keep_their_defaults()
    {
        var organisation = new OrganisationOptions { TypicalMonthlyUse = new(StringComparer.OrdinalIgnoreCase) { ["coldwater"] = 12, ["Gas"] = 40 } }.ToOrganisation();
        Assert.Equal(12, organisation.TypicalMonthlyUse[MeterKind.ColdWater]);
        Assert.Equal(40, organisation.TypicalMonthlyUse[MeterKind.Gas]);
        Assert.Equal(Organisation.DefaultTypicalMonthlyUse[MeterKind.Electricity], organisation.TypicalMonthlyUse[MeterKind.Electricity]);
        Assert.Equal(Enum.GetValues<MeterKind>().Length, organisation.TypicalMonthlyUse.Count);
    }

    [Theory]
    [InlineData("Water", 10)]
    [InlineData("3", 10)]
    [InlineData("Heat", 0)]
    public void Typical_monthly_use_refuses_unknown_kinds_and_non_positive_amounts(string kind, long use)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new OrganisationOptions { TypicalMonthlyUse = new() { [kind] = use } }.ToOrganisation());
        Assert.Contains($"TypicalMonthlyUse:{kind}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uk_and_en_are_accepted_in_any_case() =>
        Assert.Equal(PromptLanguage.Uk, new OrganisationOptions { Language = "UK" }.ToOrganisation().Language);

    [Fact]
    public void Dashboard_today_is_the_organisations_local_day()
    {
        var query = DashboardQuery.For(Some.Organisation(), new DateTimeOffset(2026, 11, 20, 22, 30, 0, TimeSpan.Zero)); // 01:30 on the 21st in Moscow
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(3)), query.TodayFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(3)), query.TodayTo);
        Assert.Equal(new BillingPeriod(2026, 11), query.Period);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(3)), query.PeriodTo);
    }

    [Fact]
    public void Zones_are_asked_in_the_fixed_order()
    {
        Assert.Equal([Zone.Total], Zones.InAskingOrder(1));
        Assert.Equal([Zone.Day, Zone.Night], Zones.InAskingOrder(2));
        Assert.Equal([Zone.Peak, Zone.SemiPeak, Zone.Night], Zones.InAskingOrder(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Zones.InAskingOrder(4));
    }

    [Fact]
    public void Meter_capacity_follows_its_digits()
    {
        Assert.Equal(99_999, Some.Meter(digits: 5).Capacity);
        Assert.Equal(999_999, Some.Meter(digits: 6).Capacity);
    }

    [Theory]
    [InlineData("Russian Standard Time")] // a Windows name: the product has no ICU to convert it
    [InlineData("Europe/Atlantis")]
    public void An_unknown_time_zone_is_refused_with_the_setting_named(string zone)
    {
        var error = Assert.Throws<ArgumentException>(() => new OrganisationOptions { TimeZone = zone }.ToOrganisation());
        Assert.Contains("Organisation:TimeZone", error.Message, StringComparison.Ordinal);
        Assert.Contains(zone, error.Message, StringComparison.Ordinal);
    }
}
