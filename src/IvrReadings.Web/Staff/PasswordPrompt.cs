using System.Text;

namespace IvrReadings.Web.Staff;

/// <summary>Reads a password from the terminal without echoing it (from redirected input: one line).</summary>
public static class PasswordPrompt
{
    public static string Read(string prompt = "Password: ")
    {
        Console.Error.Write(prompt);
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine() ?? string.Empty;
            Console.Error.WriteLine();
            return line;
        }

        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
