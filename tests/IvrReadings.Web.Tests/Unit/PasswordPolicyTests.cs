using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Tests.Unit;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("correct horse 42", null, PasswordVerdict.Acceptable)]
    [InlineData("Тёплый вечер 2026", null, PasswordVerdict.Acceptable)]
    [InlineData("short", null, PasswordVerdict.TooShort)]
    [InlineData("", null, PasswordVerdict.Blank)]
    [InlineData("            ", null, PasswordVerdict.Blank)]
    [InlineData("\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0", null, PasswordVerdict.Blank)]
    [InlineData("ababababababab", null, PasswordVerdict.TooSimple)]
    [InlineData("1234567890", null, PasswordVerdict.Common)]
    [InlineData("QWERTYUIOP", null, PasswordVerdict.Common)]
    [InlineData("qwerty 123456", null, PasswordVerdict.Common)]
    [InlineData("ЙЦУКЕНГШЩЗ", null, PasswordVerdict.Common)]
    [InlineData("p@ssw0rd123", null, PasswordVerdict.Common)]
    [InlineData("ivanova-2026!", "ivanova", PasswordVerdict.ContainsLogin)]
    [InlineData("IvanovaSecret", "ivanova", PasswordVerdict.ContainsLogin)]
    public void Passwords_are_judged(string password, string? login, PasswordVerdict expected) =>
        Assert.Equal(expected, PasswordPolicy.Check(password, login));

    [Fact]
    public void A_password_longer_than_the_maximum_is_refused() =>
        Assert.Equal(PasswordVerdict.TooLong, PasswordPolicy.Check(new string('x', 100) + "yzw" + new string('v', 200)));
}
