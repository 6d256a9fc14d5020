using IvrReadings.Domain;
using IvrReadings.Web.Staff;

namespace IvrReadings.Web.Tests.Unit;

public sealed class StaffAdminTests
{
    [Theory]
    [InlineData("olga", true)]
    [InlineData("Olga.Petrova", true)]
    [InlineData("a", false)]
    [InlineData("-dash", false)]
    [InlineData("has space", false)]
    [InlineData("../etc", false)]
    [InlineData("кирилл", false)]
    public void Logins_are_short_latin_names(string login, bool valid) => Assert.Equal(valid, StaffAdmin.IsValidLogin(login));

    [Theory]
    [InlineData("operator", StaffRole.Operator)]
    [InlineData("Supervisor", StaffRole.Supervisor)]
    public void Role_names_parse(string text, StaffRole role)
    {
        Assert.True(StaffRoles.TryParse(text, out var parsed));
        Assert.Equal(role, parsed);
        Assert.Equal(text.ToLowerInvariant(), parsed.ToName());
    }

    [Fact]
    public void Unknown_role_names_do_not_parse() => Assert.False(StaffRoles.TryParse("admin", out _));
}
