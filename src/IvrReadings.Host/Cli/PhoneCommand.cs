using System.CommandLine;
using IvrReadings.AsteriskSim.Phone;

namespace IvrReadings.Host.Cli;

/// <summary>
/// <c>phone</c>: call the running server exactly as Asterisk would, show each prompt as text, take
/// keys from the keyboard or from <c>--keys</c> (space-separated bursts, <c>-</c> silence, <c>!</c> hang up).
/// </summary>
public static class PhoneCommand
{
    public static Command Create()
    {
        var server = CliOptions.Text("--server", "HOST:PORT", "the server's FastAGI address", "127.0.0.1:4573");
        var language = CliOptions.Text("--lang", "ru|uk|en", "the line's language (?lang= in the dialplan); none: the server's default");
        language.AcceptOnlyFromAmong("ru", "uk", "en");
        var caller = CliOptions.Text("--caller", "NUMBER", "the caller id", "79161234567");
        var script = CliOptions.Text("--script", "readings|voice", "the AGI script: the keys line or the voice line", "readings");
        var keys = CliOptions.Text("--keys", "\"2 1234567# 1 ...\"", "space-separated bursts typed when the robot waits (- silence, ! hang up); none: from the keyboard");
        var channelLanguage = CliOptions.Text("--channel-lang", "L", "the channel's own language (agi_language)", string.Empty);
        var realTime = CliOptions.Flag("--realtime", "prompts take their real length (from --sounds)");
        var sounds = CliOptions.Text("--sounds", "DIR", "the prompts, for their lengths with --realtime", "sounds");
        var command = new Command("phone", "call the running server as Asterisk would and print every prompt as text")
        {
            server, language, caller, script, keys, channelLanguage, realTime, sounds,
        };
        command.SetAction(result => RunAsync(new PhoneOptions
        {
            Server = result.GetRequiredValue(server),
            Script = result.GetRequiredValue(script),
            Language = result.GetValue(language),
            ChannelLanguage = result.GetRequiredValue(channelLanguage),
            CallerId = result.GetRequiredValue(caller),
            Keys = result.GetValue(keys),
            RealTime = result.GetValue(realTime),
            SoundsDirectory = result.GetRequiredValue(sounds),
        }));
        return command;
    }

    private static async Task<int> RunAsync(PhoneOptions options)
    {
        using var cts = BillingCommands.ConsoleCancel();
        var result = await PhoneSimulator.RunAsync(options, Console.Out, options.Keys is null ? Console.In : null, cts.Token);
        return result.ExitCode;
    }
}
