using IvrReadings.Host.Tests.Support;

namespace IvrReadings.Host.Tests.Cli;

public sealed class StaffCommandTests
{
    [Fact]
    public async Task Staff_add_takes_the_password_from_input_and_refuses_duplicates_and_weak_passwords()
    {
        using var cli = new CliProcess();
        var added = await cli.RunAsync("a-long-secret-1\n", "staff", "add", "anna", "--role", "supervisor");
        Assert.Equal(0, added.ExitCode);

        var again = await cli.RunAsync("a-long-secret-2\n", "staff", "add", "anna", "--role", "operator");
        Assert.Equal(3, again.ExitCode);

        var weak = await cli.RunAsync("short\n", "staff", "add", "boris", "--role", "operator");
        Assert.Equal(3, weak.ExitCode);

        var role = await cli.RunAsync("a-long-secret-3\n", "staff", "add", "vera", "--role", "admin");
        Assert.Equal(2, role.ExitCode);
        Assert.Contains("operator or supervisor", role.Stderr, StringComparison.Ordinal);
    }
}
