namespace IvrReadings.Domain.Tests;

public sealed class BillingPeriodTests
{
    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("1999-01", 1999, 1)]
    [InlineData("2030-12", 2030, 12)]
    public void Parses_and_formats_YYYY_MM(string text, int year, int month)
    {
        var period = BillingPeriod.Parse(text);
        Assert.Equal(new BillingPeriod(year, month), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("2026/11")]
    [InlineData("26-11")]
    [InlineData("2026-11-01")]
    [InlineData(" 2026-11")]
    [InlineData("+202-11")]
    public void Rejects_malformed_text(string? text)
    {
        Assert.False(BillingPeriod.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => BillingPeriod.Parse(text));
    }

    [Theory]
    [InlineData("2026-11", 1, "2026-12")]
    [InlineData("2026-12", 1, "2027-01")]
    [InlineData("2026-01", -1, "2025-12")]
    [InlineData("2026-05", -6, "2025-11")]
    [InlineData("2026-05", 24, "2028-05")]
    public void Adds_months_across_years(string from, int months, string expected) =>
        Assert.Equal(expected, BillingPeriod.Parse(from).AddMonths(months).ToString());

    [Fact]
    public void Orders_and_counts_months()
    {
        var a = BillingPeriod.Parse("2025-11");
        var b = BillingPeriod.Parse("2026-02");
        Assert.True(a < b);
        Assert.Equal(3, b.MonthsSince(a));
        Assert.Equal(202602, b.Key);
        Assert.Equal(b, BillingPeriod.FromKey(202602));
        Assert.Equal(new DateOnly(2026, 2, 28), b.LastDay);
    }
}
