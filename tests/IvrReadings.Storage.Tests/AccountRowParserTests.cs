using IvrReadings.Domain;

namespace IvrReadings.Storage.Tests;

public sealed class AccountRowParserTests
{
    private static readonly AccountRowParser Parser = AccountRowParser.ForHeader(AccountRowParser.RequiredColumns);

    private static string[] Fields(string line) => line.Split(',');

    [Theory]
    [InlineData("1234567,addr,E-1,electricity,1,6,,100,2026-10-20,2030-01-01,")]
    [InlineData("12345,addr,E-1,electricity,3,6,,1;2;3,2026-10-20,,")]
    [InlineData("123456789012,addr,H-1,heat,1,6,,,,,")]
    [InlineData("1234567,addr,HW-1,HOT_WATER,1,5,ванная,99999,2026-10-20,,0")]
    public void Accepts(string line) => Assert.NotNull(Parser.Parse(Fields(line), out _));

    [Theory]
    [InlineData("1234,addr,E-1,electricity,1,6,,,,,", "account")]
    [InlineData("12345x7,addr,E-1,electricity,1,6,,,,,", "account")]
    [InlineData("1234567,,E-1,electricity,1,6,,,,,", "address")]
    [InlineData("1234567,addr,,electricity,1,6,,,,,", "meter")]
    [InlineData("1234567,addr,E-1,water,1,6,,,,,", "kind")]
    [InlineData("1234567,addr,E-1,electricity,4,6,,,,,", "zones")]
    [InlineData("1234567,addr,G-1,gas,2,6,,,,,", "several zones")]
    [InlineData("1234567,addr,E-1,electricity,1,0,,,,,", "digits")]
    [InlineData("1234567,addr,E-1,electricity,2,6,,1,2026-10-20,,", "2 zone")]
    [InlineData("1234567,addr,E-1,electricity,1,6,,-5,2026-10-20,,", "last_reading")]
    [InlineData("1234567,addr,E-1,electricity,1,6,,5,,,", "last_date is required")]
    [InlineData("1234567,addr,E-1,electricity,1,6,,5,2026-13-01,,", "last_date")]
    [InlineData("1234567,addr,E-1,electricity,1,6,,,,01/02/2030,", "verification_date")]
    [InlineData("1234567,addr,E-1,electricity,1,6,,,,,-1", "autofill")]
    [InlineData("1234567,addr,E-1,electricity,1,6,,,,", "fields")]
    public void Rejects_with_a_reason(string line, string mentions)
    {
        Assert.Null(Parser.Parse(Fields(line), out var error));
        Assert.Contains(mentions, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_an_optional_holder()
    {
        var header = new[] { "holder", "autofill", "verification_date", "last_date", "last_reading", "description", "digits", "zones", "kind", "meter", "address", "Account" };
        var row = AccountRowParser.ForHeader(header).Parse(["Иванов", "", "", "2026-10-20", "6100;2010", "", "6", "2", "electricity", "E-1", "addr", "1234567"], out _);
        Assert.Equal(("1234567", "Иванов", MeterKind.Electricity, 2), (row!.AccountNumber, row.Holder, row.Kind, row.ZoneCount));
        Assert.Equal([6100L, 2010L], row.LastValues);
    }

    [Fact]
    public void A_missing_column_is_named() =>
        Assert.Contains("autofill", Assert.Throws<InvalidDataException>(() => AccountRowParser.ForHeader(AccountRowParser.RequiredColumns[..^1])).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(MeterKind.ColdWater, "cold_water")]
    [InlineData(MeterKind.HotWater, "hot_water")]
    [InlineData(MeterKind.Electricity, "electricity")]
    public void Kinds_are_snake_case(MeterKind kind, string text)
    {
        Assert.Equal(text, CsvNames.Of(kind));
        Assert.True(CsvNames.TryParse<MeterKind>(text, out var parsed));
        Assert.Equal(kind, parsed);
    }
}
