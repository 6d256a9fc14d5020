using Microsoft.Extensions.Configuration;
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

public sealed class ConsoleUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("http://localhost:9090", "127.0.0.1:9090")]
    [InlineData("http://[::1]:8080", "[::1]:8080")]
    [InlineData("http://*:8080", "0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:8080; http://[::1]:8081", "127.0.0.1:8080,[::1]:8081")]
    public void Urls_parse_to_endpoints(string urls, string expected) =>
        Assert.Equal(expected, string.Join(',', StaffConsoleKestrelExtensions.ParseUrls(urls).Select(e => e.ToString())));

    [Theory]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("http://example.org:80")]
    [InlineData("not a url")]
    public void Other_urls_are_refused(string urls) => Assert.Throws<FormatException>(() => StaffConsoleKestrelExtensions.ParseUrls(urls));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_connection_cap_that_is_not_a_positive_number_is_refused_with_the_setting_named(int setting)
    {
        var problem = Assert.Single(new ConsoleOptions { MaxConnections = setting }.Problems());

        Assert.Equal($"Console:MaxConnections must be 1 or more, not {setting}.", problem);
    }
}
