using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using IvrReadings.CallFlow.Prompts;
using IvrReadings.CallFlow.Timing;

namespace IvrReadings.AsteriskSim.Phone;

/// <summary>
/// A phone for trying the IVR without Asterisk: dials a running server exactly as Asterisk would (the fake
/// Asterisk of <see cref="SimulatedCall"/>), shows each prompt as text from the catalogue as it plays, and types
/// keys from a script or from the keyboard.
/// </summary>
public static partial class PhoneSimulator
{
    public static async Task<PhoneCallResult> RunAsync(PhoneOptions options, TextWriter output, TextReader? input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var endpoint = await ResolveAsync(options.Server, ct).ConfigureAwait(false);
        var printer = new Printer(output, options.ChannelLanguage, options.Keys is null ? input ?? TextReader.Null : null);
        var durations = DurationsFor(options);
        var sim = new SimCallOptions
        {
            Script = options.Script,
            Query = options.Language is { Length: > 0 } lang ? "lang=" + lang : null,
            CallerId = options.CallerId,
            Language = options.ChannelLanguage,
            RealTime = options.RealTime,
            Observer = printer,
            PromptDuration = file => durations?.Invoke(printer.Language, file) ?? TimeSpan.FromSeconds(1),
        };

        var caller = options.Keys is { } keys ? ScriptedCaller(keys) : CallerScript.Create();
        await output.WriteLineAsync($"Calling agi://{options.Server}/{options.Script}{(sim.Query is null ? "" : "?" + sim.Query)} from {options.CallerId}"
            + (options.Keys is null ? " (type keys and Enter when the robot waits; empty line = silence, q = hang up)" : "")).ConfigureAwait(false);
        if (options.RealTime && durations is null)
        {
            await output.WriteLineAsync($"No prompts in {Path.GetFullPath(options.SoundsDirectory)} (--sounds DIR): every prompt takes 1 s.").ConfigureAwait(false);
        }

        var result = await SimulatedCall.RunAsync(endpoint, sim, caller, ct).ConfigureAwait(false);
        printer.Flush();
        var outcome = result.Variables.TryGetValue("IVR_RESULT", out var value) ? value : null;
        var how = result.EndReason switch
        {
            SimEndReason.ConnectionFailed => "could not connect: " + result.Error?.Message,
            SimEndReason.AppClosedAfterHangup => "the line was hung up",
            SimEndReason.AppClosed => "the server returned the call to the dialplan",
            _ => result.EndReason.ToString(),
        };
        await output.WriteLineAsync($"Call ended: {outcome ?? "(no IVR_RESULT)"} - {how}").ConfigureAwait(false);
        return new PhoneCallResult(outcome, result.HungUp, result.EndReason, printer.Phrases, result.Error);
    }

    /// <summary>Each burst is typed when the robot waits for input (the caller listens to each prompt to its end).</summary>
    public static CallerScript ScriptedCaller(string keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var script = CallerScript.Create();
        foreach (var burst in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            _ = burst switch
            {
                "-" => script.StaySilent(),
                "!" => script.HangUp(),
                // A released hold keeps the burst away from the prompts before the input (no barge-in).
                _ => script.Hold(Task.CompletedTask).Press(burst),
            };
        }

        return script;
    }

    private static async Task<IPEndPoint> ResolveAsync(string server, CancellationToken ct)
    {
        if (IPEndPoint.TryParse(server, out var endpoint) && endpoint.Port != 0)
        {
            return endpoint;
        }

        var colon = server.LastIndexOf(':');
        var host = colon > 0 ? server[..colon] : server;
        var port = colon > 0 && int.TryParse(server[(colon + 1)..], out var p) ? p : 4573;
        var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
        return new IPEndPoint(address, port);
    }

    private static Func<string, string, TimeSpan>? DurationsFor(PhoneOptions options)
    {
        var directory = options.SoundsDirectory;
        if (!Directory.Exists(Path.Combine(directory, "ru")))
        {
            return null;
        }

        var byLanguage = new Dictionary<string, PromptDurations>(StringComparer.Ordinal);
        return (language, file) =>
        {
            var lang = CallLanguages.Normalize(language) ?? CallLanguages.English;
            if (!byLanguage.TryGetValue(lang, out var durations))
            {
                durations = byLanguage[lang] = new PromptDurations(directory, lang);
            }

            var id = file.StartsWith(PromptCatalogue.AsteriskFolder + "/", StringComparison.Ordinal) ? file[(PromptCatalogue.AsteriskFolder.Length + 1)..] : file;
            var duration = durations.Of(id);
            return duration > TimeSpan.Zero ? duration : TimeSpan.FromSeconds(1);
        };
    }

    [GeneratedRegex("^200 result=(?<digits>[0-9*#]*)(?<timeout> \\(timeout\\))?")]
    private static partial Regex GetDataReply();

    [GeneratedRegex("^200 result=(?<code>-?\\d+)")]
    private static partial Regex ResultCode();

    /// <summary>Turns the wire into a readable conversation; in keyboard mode also feeds the keys in.</summary>
    private sealed class Printer(TextWriter output, string language, TextReader? keyboard) : ISimCallObserver
    {
        private readonly StringBuilder _phrase = new();
        private readonly object _sync = new();
        private string? _lastCommand;
        private string? _skipPlay;

        public string Language { get; private set; } = language;

        public List<string> Phrases { get; } = [];

        public void OnCommand(SimulatedCall call, string line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            _lastCommand = words.Length >= 2 ? words[0].ToUpperInvariant() + " " + words[1].ToUpperInvariant() : line;
            if (_lastCommand == "SET VARIABLE" && words.Length >= 4 && words[2] == "CHANNEL(language)")
            {
                Language = words[3].Trim('"');
            }
            else if (_lastCommand == "GET DATA" && words.Length >= 3)
            {
                // Print the whole utterance before the caller answers it.
                Append(words[2]);
                _skipPlay = words[2];
                Flush();
                if (keyboard is not null)
                {
                    TypeFromKeyboard(call);
                }
            }
        }

        public void OnPlay(SimulatedCall call, string file, TimeSpan duration)
        {
            if (_skipPlay == file)
            {
                _skipPlay = null;
                return;
            }

            Append(file);
        }

        public void OnReply(SimulatedCall call, string line)
        {
            if (_lastCommand == "GET DATA" && GetDataReply().Match(line) is { Success: true } data)
            {
                var digits = data.Groups["digits"].Value;
                Write(digits.Length == 0 && data.Groups["timeout"].Success ? "  you: (silence)" : $"  you: {digits}{(data.Groups["timeout"].Success ? " (stopped typing)" : "")}");
            }
            else if (_lastCommand == "STREAM FILE" && ResultCode().Match(line) is { Success: true } played && int.Parse(played.Groups["code"].Value, CultureInfo.InvariantCulture) > 0)
            {
                _phrase.Append(" ...");
                Flush();
                Write($"  you: {(char)int.Parse(played.Groups["code"].Value, CultureInfo.InvariantCulture)} (interrupting)");
            }

            _lastCommand = line == "HANGUP" ? null : _lastCommand;
        }

        public void OnEnded(SimulatedCall call, SimCallResult result) => Flush();

        public void Flush()
        {
            lock (_sync)
            {
                if (_phrase.Length == 0)
                {
                    return;
                }

                var text = _phrase.ToString();
                text = char.ToUpperInvariant(text[0]) + text[1..];
                _phrase.Clear();
                Phrases.Add(text);
                output.WriteLine("robot: " + text);
                output.Flush();
            }
        }

        private void Append(string file)
        {
            var id = file.StartsWith(PromptCatalogue.AsteriskFolder + "/", StringComparison.Ordinal) ? file[(PromptCatalogue.AsteriskFolder.Length + 1)..] : file;
            var text = PromptCatalogue.Default.Contains(id) ? PromptCatalogue.Default.Text(id, Language) : $"[{file}]";
            if (text.Length == 0)
            {
                return;
            }

            lock (_sync)
            {
                _phrase.Append(_phrase.Length == 0 ? "" : " ").Append(text);
            }
        }

        private void Write(string line)
        {
            lock (_sync)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        /// <summary>Runs on the call's own task before GET DATA is handled, so the keys are queued in time.</summary>
        private void TypeFromKeyboard(SimulatedCall call)
        {
            Write("  keys> ");
            var line = keyboard!.ReadLine()?.Trim();
            CallerAction action = line switch
            {
                null or "q" or "Q" => new CallerAction.HangUpDuringNextCommand(),
                "" or "-" => new CallerAction.StaySilent(),
                _ => new CallerAction.Press(line),
            };
            call.Enqueue(action);
        }
    }
}
