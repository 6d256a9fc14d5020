using System.CommandLine;
using System.Globalization;
using IvrReadings.Domain;
using IvrReadings.Web.Staff;

namespace IvrReadings.Host.Cli;

/// <summary>
/// <c>staff add LOGIN --role operator|supervisor</c>, <c>staff password LOGIN</c>, <c>staff disable|enable LOGIN</c> and
/// <c>staff list</c>: what the console's staff page does, for the server's operator when nobody can sign in (the only
/// supervisor forgot the password or left). Passwords are asked for, never arguments. Every change is in the audit log
/// as made from the command line.
/// </summary>
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

        var who = CliOptions.Value("LOGIN", "the user's login");
        var password = new Command("password", "set a new password (asked as for add); lifts a lock from failed sign-ins and ends the user's sessions") { who };
        password.SetAction(result => PasswordAsync(settings, result.GetRequiredValue(who)));
        var disable = new Command("disable", "refuse the user's sign-ins and end their sessions") { who };
        disable.SetAction(result => SetDisabledAsync(settings, result.GetRequiredValue(who), disabled: true));
        var enable = new Command("enable", "let a disabled user sign in again") { who };
        enable.SetAction(result => SetDisabledAsync(settings, result.GetRequiredValue(who), disabled: false));
        var list = new Command("list", "the console's users: login, role, state, created");
        list.SetAction(_ => ListAsync(settings));
        return new Command("staff", "the staff console's users") { add, password, disable, enable, list };
    }

    private static async Task<int> AddAsync(IReadOnlyList<string> settings, string login, StaffRole role)
    {
        if (await ReadPasswordAsync() is not { } password) return 3;

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

    private static async Task<int> PasswordAsync(IReadOnlyList<string> settings, string login)
    {
        if (await ReadPasswordAsync() is not { } password) return 3;

        using var cts = BillingCommands.ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var target = StaffAdmin.NormalizeLogin(login);
        var verdict = await StaffAdmin.SetPasswordAsync(target, password, host.Get<IStaffStore>(), Audit(host, AuditActions.PasswordSet, target), cts.Token);
        switch (verdict)
        {
            case PasswordVerdict.Acceptable:
                Console.WriteLine($"New password set for '{target}'; any lock is lifted and their sessions have ended.");
                return 0;
            case null:
                await Console.Error.WriteLineAsync(Unknown(target));
                return 3;
            default:
                await Console.Error.WriteLineAsync(StaffAdmin.Describe(StaffAddResult.WeakPassword) + " Nothing was changed.");
                return 3;
        }
    }

    private static async Task<int> SetDisabledAsync(IReadOnlyList<string> settings, string login, bool disabled)
    {
        using var cts = BillingCommands.ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var target = StaffAdmin.NormalizeLogin(login);
        var audit = Audit(host, disabled ? AuditActions.StaffDisabled : AuditActions.StaffEnabled, target);
        if (!await host.Get<IStaffStore>().SetDisabledAsync(target, disabled, audit, cts.Token))
        {
            await Console.Error.WriteLineAsync(Unknown(target));
            return 3;
        }

        Console.WriteLine(disabled ? $"'{target}' is disabled: their sign-ins are refused and their sessions have ended." : $"'{target}' may sign in again.");
        return 0;
    }

    private static async Task<int> ListAsync(IReadOnlyList<string> settings)
    {
        using var cts = BillingCommands.ConsoleCancel();
        await using var host = await ToolHost.StartAsync(settings, cts.Token);
        var now = host.Get<TimeProvider>().GetUtcNow();
        var users = await host.Get<IStaffStore>().ListAsync(cts.Token);
        if (users.Count == 0)
        {
            Console.WriteLine("No staff yet: ivr-readings staff add LOGIN --role supervisor");
            return 0;
        }

        Console.WriteLine("login\trole\tstate\tcreated (UTC)");
        foreach (var user in users)
        {
            var state = user.Disabled ? "disabled"
                : user.LockedUntil is { } until && until > now ? "locked until " + until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : "active";
            Console.WriteLine(string.Join('\t', user.Login, user.Role.ToName(), state, user.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        }

        return 0;
    }

    /// <summary>Scripts may pipe the password in (one line); people type it twice without echo. Null when the two differ.</summary>
    private static async Task<string?> ReadPasswordAsync()
    {
        if (Console.IsInputRedirected)
        {
            return (await Console.In.ReadLineAsync())?.TrimEnd('\r') ?? string.Empty;
        }

        var password = PasswordPrompt.Read("Password: ");
        if (PasswordPrompt.Read("Repeat password: ") == password) return password;
        await Console.Error.WriteLineAsync("The passwords differ; nothing was changed.");
        return null;
    }

    private static AuditEntry Audit(ToolHost host, string action, string target) =>
        new(host.Get<TimeProvider>().GetUtcNow(), StaffAdmin.CommandLineActor, action, target, null, null);

    private static string Unknown(string login) => $"There is no staff member '{login}' (ivr-readings staff list shows who there is).";
}
