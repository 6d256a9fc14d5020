namespace IvrReadings.Domain.Tests;

public sealed class CallerNumberTests
{
    [Theory]
    [InlineData("+79001112233", "+79001112233")]
    [InlineData(" +7 (900) 111-22-33 ", "+79001112233")]
    [InlineData("8.900.111.22.33", "89001112233")]
    [InlineData("101", "101")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("123456789012345678901", null)]
    [InlineData("Anonymous", null)]
    [InlineData("unknown", null)]
    [InlineData("7900+1", null)]
    [InlineData("+", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("\"Ivanov\" <100>", null)]
    public void Caller_numbers_are_digits_with_an_optional_plus_and_bounded(string? raw, string? stored) =>
        Assert.Equal(stored, CallerNumber.Normalize(raw));

    [Fact]
    public void A_caller_id_of_thousands_of_digits_is_no_number() => Assert.Null(CallerNumber.Normalize(new string('9', 3000)));

    [Theory]
    [InlineData("+7900", "+7900")]
    [InlineData(" 111-22 ", "11122")]
    [InlineData("abc", null)]
    public void Searches_keep_the_digits_and_a_leading_plus(string typed, string? term) => Assert.Equal(term, CallerNumber.SearchTerm(typed));
}
