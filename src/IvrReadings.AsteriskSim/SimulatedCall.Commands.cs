namespace IvrReadings.AsteriskSim;

/// <summary>Command dispatch and channel control, as observed on Asterisk 22.10.1 (tests/fixtures/agi-transcripts/README.md).</summary>
public sealed partial class SimulatedCall
{
    private const string Dead511 = "511 Command Not Permitted on a dead channel or intercept routine";

    // Longest first, so "GET FULL VARIABLE" wins over "GET VARIABLE"-like prefixes.
    private static readonly string[][] KnownCommands = new[]
    {
        "CONTROL STREAM FILE", "GET FULL VARIABLE", "WAIT FOR DIGIT", "STREAM FILE", "GET DATA", "GET OPTION",
        "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "RECORD FILE", "SET VARIABLE", "GET VARIABLE", "CHANNEL STATUS",
        "SET MUSIC", "ANSWER", "HANGUP", "EXEC", "VERBOSE", "NOOP",
    }.Select(c => c.Split(' ')).OrderByDescending(w => w.Length).ToArray();

    private static readonly HashSet<string> AllowedWhenDead =
        new(["NOOP", "VERBOSE", "SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE", "EXEC"], StringComparer.Ordinal);

    private async Task HandleCommandAsync(string line)
    {
        lock (_sync)
        {
            _commands.Add(line);
        }

        Record(SimDirection.FromApp, line);
        _options.Observer?.OnCommand(this, line);
        var tokens = AgiArgumentSplitter.Split(line);
        var (name, arguments) = Match(tokens);

        if (_actions.TryPeek(out var head) && head is CallerAction.HangUpAsNextCommandArrives)
        {
            _actions.TryDequeue(out _);
            await CallerHangsUpAsync(delayLine: false).ConfigureAwait(false);
            if (_asteriskClosed)
            {
                return;
            }
        }

        if (name is null)
        {
            await ReplyAsync("510 Invalid or unknown command").ConfigureAwait(false);
            return;
        }

        // Asterisk checks the dead flag before the syntax: a dead channel gets 511 even for a malformed command.
        if (_dead && !AllowedWhenDead.Contains(name))
        {
            await ReplyAsync(Dead511).ConfigureAwait(false);
            return;
        }

        var reply = name switch
        {
            "ANSWER" => Answer(),
            "HANGUP" => await HangupAsync(arguments).ConfigureAwait(false),
            "CHANNEL STATUS" => ChannelStatus(arguments),
            "STREAM FILE" or "CONTROL STREAM FILE" or "GET OPTION" => await StreamFileAsync(name, arguments).ConfigureAwait(false),
            "GET DATA" => await GetDataAsync(arguments).ConfigureAwait(false),
            "WAIT FOR DIGIT" => await WaitForDigitAsync(arguments).ConfigureAwait(false),
            "SAY DIGITS" or "SAY NUMBER" or "SAY ALPHA" => await SayAsync(name, arguments).ConfigureAwait(false),
            "RECORD FILE" => await RecordFileAsync(arguments).ConfigureAwait(false),
            "SET VARIABLE" => SetVariable(arguments),
            "GET VARIABLE" => GetVariable(arguments),
            "GET FULL VARIABLE" => GetFullVariable(arguments),
            "EXEC" => await ExecAsync(arguments).ConfigureAwait(false),
            "VERBOSE" => arguments.Count < 1 ? null : "200 result=1",
            "SET MUSIC" => arguments.Count < 1 ? null : "200 result=0",
            "NOOP" => "200 result=0",
            _ => "510 Invalid or unknown command",
        };

        if (reply is null)
        {
            await UsageAsync(name).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(reply).ConfigureAwait(false);
        if (_pendingHangup is { } delayLine)
        {
            _pendingHangup = null;
            await CallerHangsUpAsync(delayLine).ConfigureAwait(false);
        }
    }

    /// <summary>Set by a command whose reply announces a hang-up; the hang-up happens after the reply is written.</summary>
    private bool? _pendingHangup;

    private static (string? Name, IReadOnlyList<string> Arguments) Match(IReadOnlyList<string> tokens)
    {
        foreach (var words in KnownCommands)
        {
            if (tokens.Count < words.Length)
            {
                continue;
            }

            var match = true;
            for (var i = 0; i < words.Length && match; i++)
            {
                match = string.Equals(tokens[i], words[i], StringComparison.OrdinalIgnoreCase);
            }

            if (match)
            {
                return (string.Join(' ', words), tokens.Skip(words.Length).ToArray());
            }
        }

        return (null, []);
    }

    private async Task UsageAsync(string name)
    {
        // The usage text arrives in a later write than the first line (transcript 29).
        await ReplyAsync("520-Invalid command syntax.  Proper usage follows:").ConfigureAwait(false);
        if (_options.UsageTextDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.UsageTextDelay).ConfigureAwait(false);
        }

        if (_options.UsageTextHeldUntil is { } held)
        {
            await held.ConfigureAwait(false);
        }

        await WriteAsync($"Usage: {name} <replaceable>arguments</replaceable>. Returns <literal>-1</literal> on error.\n" +
            "    <value>SUCCESS</value>\n520 End of proper usage.\n").ConfigureAwait(false);
    }

    private string Answer()
    {
        _answered = true;
        return "200 result=0";
    }

    private bool IsThisChannel(string channel) =>
        channel == _options.Channel || channel == PeerChannel;

    private string PeerChannel => _options.Channel.EndsWith(";2", StringComparison.Ordinal)
        ? _options.Channel[..^2] + ";1"
        : _options.Channel;

    private string ChannelStatus(IReadOnlyList<string> arguments)
    {
        if (arguments.Count > 0 && !IsThisChannel(arguments[0]))
        {
            return "200 result=-1";
        }

        return _answered || arguments.Count > 0 ? "200 result=6" : "200 result=4";
    }

    private Task<string?> HangupAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count > 0 && !IsThisChannel(arguments[0]))
        {
            return Task.FromResult<string?>("200 result=-1");
        }

        // 200 result=1, then the HANGUP line ~40 ms later, then dead mode (transcript 35).
        _pendingHangup = true;
        return Task.FromResult<string?>("200 result=1");
    }
}
