using IvrReadings.Domain;
using IvrReadings.Host.Tests.Support;
using IvrReadings.Storage;
using IvrReadings.Web.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task With_nobody_able_to_sign_in_the_operator_resets_a_password_and_disables_or_enables_users_from_the_command_line()
    {
        using var cli = new CliProcess();
        Assert.Equal(0, (await cli.RunAsync("a-long-secret-1\n", "staff", "add", "anna", "--role", "supervisor")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("a-long-secret-2\n", "staff", "add", "boris", "--role", "operator")).ExitCode);
        await using (var services = Storage(cli))
        {
            // Anna, the only supervisor, locked herself out with wrong passwords.
            await services.GetRequiredService<IStaffStore>().RecordFailedSignInAsync("anna", 1, DateTimeOffset.UtcNow.AddHours(1), null, default);
        }

        var listed = await cli.RunAsync(null, "staff", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"anna\tsupervisor\tlocked until \d{4}-", listed.Stdout);
        Assert.Contains("boris\toperator\tactive", listed.Stdout, StringComparison.Ordinal);

        var weak = await cli.RunAsync("anna\n", "staff", "password", "anna");
        Assert.Equal(3, weak.ExitCode);
        Assert.Contains("Nothing was changed", weak.Stderr, StringComparison.Ordinal);
        var unknown = await cli.RunAsync("a-long-secret-3\n", "staff", "password", "vera");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("no staff member 'vera'", unknown.Stderr, StringComparison.Ordinal);

        var reset = await cli.RunAsync("a-long-secret-9\n", "staff", "password", "Anna");
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(0, (await cli.RunAsync(null, "staff", "disable", "boris")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync(null, "staff", "disable", "vera")).ExitCode);
        listed = await cli.RunAsync(null, "staff", "list");
        Assert.Contains("anna\tsupervisor\tactive", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("boris\toperator\tdisabled", listed.Stdout, StringComparison.Ordinal);

        await using (var services = Storage(cli))
        {
            var staff = services.GetRequiredService<IStaffStore>();
            var anna = (await staff.GetAsync("anna", default))!;
            Assert.True(PasswordHasher.Verify("a-long-secret-9", anna.PasswordHash), "the new password signs in");
            Assert.False(PasswordHasher.Verify("a-long-secret-1", anna.PasswordHash), "the old one does not");
            Assert.Null(anna.LockedUntil);
            var boris = (await staff.GetAsync("boris", default))!;
            Assert.True(boris.Disabled);
            var audit = (await services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Actor: StaffAdmin.CommandLineActor), default)).Entries;
            Assert.Contains(audit, e => e.Entry.Action == AuditActions.PasswordSet && e.Entry.Target == "anna");
            Assert.Contains(audit, e => e.Entry.Action == AuditActions.StaffDisabled && e.Entry.Target == "boris");
        }

        Assert.Equal(0, (await cli.RunAsync(null, "staff", "enable", "boris")).ExitCode);
        Assert.Contains("boris\toperator\tactive", (await cli.RunAsync(null, "staff", "list")).Stdout, StringComparison.Ordinal);
    }

    private static ServiceProvider Storage(CliProcess cli)
    {
        SqliteConnection.ClearAllPools();
        var options = new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={cli.DatabaseFile}", MigrateOnStart = false, AutoFill = false };
        return new ServiceCollection().AddIvrStorage(options, new OrganisationOptions().ToOrganisation()).BuildServiceProvider();
    }
}
