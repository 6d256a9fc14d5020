using IvrReadings.Domain;
using IvrReadings.Web.Staff;

namespace IvrReadings.Host.Cli;

/// <summary><c>staff add LOGIN --role operator|supervisor</c>: the password is asked for, never an argument.</summary>
public static class StaffCommands
{
    public static async Task<int> AddAsync(CommandLine line)
    {
        var login = line.Positional(2, "the login (ivr-readings staff add LOGIN --role operator|supervisor)");
        var role = line.Required("role").ToLowerInvariant() switch
        {
            "operator" => StaffRole.Operator,
            "supervisor" => StaffRole.Supervisor,
            var other => throw new CommandLineException($"--role is operator or supervisor, not '{other}'."),
        };

        // Scripts may pipe the password in (one line); people type it twice without echo.
        string password;
        if (Console.IsInputRedirected)
        {
            password = (await Console.In.ReadLineAsync())?.TrimEnd('\r') ?? string.Empty;
        }
        else
        {
            password = PasswordPrompt.Read("Password: ");
            if (PasswordPrompt.Read("Repeat password: ") != password)
            {
                await Console.Error.WriteLineAsync("The passwords differ; nothing was created.");
                return 3;
            }
        }

        using var cts = BillingCommands.ConsoleCancel();
        await using var host = await ToolHost.StartAsync(line, cts.Token);
        var result = await StaffAdmin.AddAsync(login, role, password, host.Services, cts.Token);
        var message = StaffAdmin.Describe(result);
        if (result != StaffAddResult.Added)
        {
            await Console.Error.WriteLineAsync(message);
            return 3;
        }

        Console.WriteLine(message);
        return 0;
    }
}
