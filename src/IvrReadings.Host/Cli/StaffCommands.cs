using System.CommandLine;
using IvrReadings.Domain;
using IvrReadings.Web.Staff;

namespace IvrReadings.Host.Cli;

/// <summary><c>staff add LOGIN --role operator|supervisor</c>: the password is asked for, never an argument.</summary>
public static class StaffCommands
{
    public static Command Create(IReadOnlyList<string> settings)
    {
        var login = CliOptions.Value("LOGIN", "the new user's login");
        var role = new Option<StaffRole>("--role")
        {
            Description = "operators do everything except export, staff and the audit log; supervisors everything",
            HelpName = "operator|supervisor",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                switch (text.ToLowerInvariant())
                {
                    case "operator": return StaffRole.Operator;
                    case "supervisor": return StaffRole.Supervisor;
                    default:
                        result.AddError($"--role is operator or supervisor, not '{text}'.");
                        return default;
                }
            },
        };
        var add = new Command("add", "create a console user; the password is asked twice without echo (or read as one line from a pipe)") { login, role };
        add.SetAction(result => AddAsync(settings, result.GetRequiredValue(login), result.GetRequiredValue(role)));
        return new Command("staff", "the staff console's users") { add };
    }

    private static async Task<int> AddAsync(IReadOnlyList<string> settings, string login, StaffRole role)
    {
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
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
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
