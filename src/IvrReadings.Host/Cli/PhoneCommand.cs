using IvrReadings.AsteriskSim.Phone;

namespace IvrReadings.Host.Cli;

/// <summary>
/// <c>phone</c>: call the running server exactly as Asterisk would, show each prompt as text, take
/// keys from the keyboard or from <c>--keys</c> (space-separated bursts, <c>-</c> silence, <c>!</c> hang up).
/// </summary>
public static class PhoneCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var options = new PhoneOptions
        {
            Server = line.Option("server") ?? "127.0.0.1:4573",
            Script = line.Option("script") ?? "readings",
            Language = line.Option("lang"),
            ChannelLanguage = line.Option("channel-lang") ?? string.Empty,
            CallerId = line.Option("caller") ?? "79161234567",
            Keys = line.Option("keys"),
            RealTime = line.Has("realtime"),
            SoundsDirectory = line.Option("sounds") ?? "sounds",
        };
        using var cts = BillingCommands.ConsoleCancel();
        var result = await PhoneSimulator.RunAsync(options, Console.Out, options.Keys is null ? Console.In : null, cts.Token);
        return result.ExitCode;
    }
}
