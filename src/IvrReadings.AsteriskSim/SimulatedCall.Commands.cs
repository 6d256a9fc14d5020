using System.Globalization;
using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>Command semantics, as observed on Asterisk 22.10.1 (tests/fixtures/agi-transcripts/README.md).</summary>
public sealed partial class SimulatedCall
{
    private const string Dead511 = "511 Command Not Permitted on a dead channel or intercept routine";
    private const int SamplesPerMs = 8;

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

    /// <summary>Caller hangs up during this media command?</summary>
    private bool TakeHangupDuring()
    {
        if (_hangupRequested || (_actions.TryPeek(out var head) && head is CallerAction.HangUpDuringNextCommand))
        {
            if (!_hangupRequested)
            {
                _actions.TryDequeue(out _);
            }

            _hangupRequested = false;
            _pendingHangup = true;
            Note("caller hangs up during the command");
            return true;
        }

        return false;
    }

    /// <summary>Makes typed-ahead keys available: leftover keys first, else at most one burst from the queue.</summary>
    /// <param name="canTimeOut">The command waits for input (GET DATA, WAIT FOR DIGIT, ...), so it also consumes a
    /// <see cref="CallerAction.StaySilent"/> or <see cref="CallerAction.Hold"/>.</param>
    private async Task<bool> EnsureKeysAsync(bool canTimeOut)
    {
        while (true)
        {
            if (_typeAhead.Length > 0)
            {
                return true;
            }

            if (!_actions.TryPeek(out var action))
            {
                return false;
            }

            switch (action)
            {
                case CallerAction.Press press:
                    _actions.TryDequeue(out _);
                    _typeAhead.Append(press.Keys);
                    Note($"caller presses {press.Keys}");
                    return true;
                case CallerAction.StaySilent when canTimeOut:
                    _actions.TryDequeue(out _);
                    Note("caller stays silent");
                    return false;
                case CallerAction.Hold hold when canTimeOut:
                    _actions.TryDequeue(out _);
                    Note("caller holds");
                    await Task.WhenAny(hold.Release, _callerHungUp.Task).ConfigureAwait(false);
                    if (_callerHungUp.Task.IsCompleted)
                    {
                        return false;
                    }

                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>Takes the first escape digit typed ahead; playback drops the keys that are not escape digits.</summary>
    private async Task<char?> TakeEscapeDigitAsync(string escapeDigits, bool canTimeOut)
    {
        if (escapeDigits.Length == 0 || !await EnsureKeysAsync(canTimeOut).ConfigureAwait(false))
        {
            return null;
        }

        while (_typeAhead.Length > 0)
        {
            var key = _typeAhead[0];
            _typeAhead.Remove(0, 1);
            if (escapeDigits.Contains(key, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    private async Task<bool> PlayAsync(string file, TimeSpan duration)
    {
        lock (_sync)
        {
            _played.Add(file);
        }

        _options.Observer?.OnPlay(this, file, duration);
        return await SleepAsync(duration).ConfigureAwait(false);
    }

    /// <summary>Waits in real-time mode; returns false when the caller hung up meanwhile.</summary>
    private async Task<bool> SleepAsync(TimeSpan duration)
    {
        if (!_options.RealTime || duration <= TimeSpan.Zero)
        {
            return !_callerHungUp.Task.IsCompleted;
        }

        await Task.WhenAny(Task.Delay(duration), _callerHungUp.Task).ConfigureAwait(false);
        return !_callerHungUp.Task.IsCompleted;
    }

    private static long Samples(TimeSpan duration) => (long)(duration.TotalMilliseconds * SamplesPerMs);

    private async Task<string?> StreamFileAsync(string name, IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2)
        {
            return null;
        }

        var file = arguments[0];
        var escape = arguments[1];
        if (!_options.PromptExists(file))
        {
            return "200 result=-1 endpos=0";
        }

        var duration = _options.PromptDuration(file);
        var offset = name == "STREAM FILE" && arguments.Count > 2 && long.TryParse(arguments[2], out var o) ? Math.Max(0, o) : 0;
        var total = Math.Max(Samples(duration), offset);
        if (TakeHangupDuring())
        {
            await PlayAsync(file, duration / 2).ConfigureAwait(false);
            return $"200 result=-1 endpos={Int(offset + ((total - offset) / 2))}";
        }

        var digit = await TakeEscapeDigitAsync(escape, canTimeOut: false).ConfigureAwait(false);
        if (digit is { } d)
        {
            await PlayAsync(file, duration * 0.4).ConfigureAwait(false);
            return $"200 result={(int)d} endpos={Int(offset + ((total - offset) * 2 / 5))}";
        }

        if (!await PlayAsync(file, duration).ConfigureAwait(false))
        {
            _pendingHangup = true;
            return $"200 result=-1 endpos={Int(total / 2)}";
        }

        if (name == "CONTROL STREAM FILE")
        {
            return "200 result=0 endpos=-1";
        }

        if (name == "GET OPTION")
        {
            var timeout = arguments.Count > 2 && int.TryParse(arguments[2], out var t) ? t : 5000;
            var late = await TakeEscapeDigitAsync(escape, canTimeOut: true).ConfigureAwait(false);
            if (late is null)
            {
                await SleepAsync(TimeSpan.FromMilliseconds(Math.Max(0, timeout))).ConfigureAwait(false);
            }

            return $"200 result={(late is { } l ? (int)l : 0)} endpos={Int(total)}";
        }

        return $"200 result=0 endpos={Int(total)}";
    }

    private async Task<string?> GetDataAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1)
        {
            return null;
        }

        var file = arguments[0];
        var timeout = arguments.Count > 1 && int.TryParse(arguments[1], out var t) && t > 0 ? t : 6000;
        var maxDigits = arguments.Count > 2 && int.TryParse(arguments[2], out var m) && m > 0 ? m : 1024;
        if (!_options.PromptExists(file))
        {
            return "200 result=-1";
        }

        if (TakeHangupDuring())
        {
            await PlayAsync(file, _options.PromptDuration(file) / 2).ConfigureAwait(false);
            return "200 result=-1";
        }

        var hasKeys = await EnsureKeysAsync(canTimeOut: true).ConfigureAwait(false);
        await PlayAsync(file, hasKeys ? TimeSpan.Zero : _options.PromptDuration(file)).ConfigureAwait(false);
        var digits = new StringBuilder();
        while (true)
        {
            var added = NextActionAdded;
            while (_typeAhead.Length > 0)
            {
                var key = _typeAhead[0];
                _typeAhead.Remove(0, 1);
                if (key == '#')
                {
                    return $"200 result={digits}";
                }

                digits.Append(key);
                if (digits.Length >= maxDigits)
                {
                    return $"200 result={digits}";
                }
            }

            // The timeout is both the first-digit and the inter-digit timeout. Only a burst added while the call
            // runs (real-time mode) can continue the input; queued bursts are one per command.
            if (!await WaitForActionAsync(added, TimeSpan.FromMilliseconds(timeout)).ConfigureAwait(false)
                || !_actions.TryPeek(out var next) || next is not CallerAction.Press press)
            {
                break;
            }

            _actions.TryDequeue(out _);
            _typeAhead.Append(press.Keys);
            Note($"caller presses {press.Keys}");
        }

        if (_callerHungUp.Task.IsCompleted)
        {
            _pendingHangup = true;
            return "200 result=-1";
        }

        return $"200 result={digits} (timeout)";
    }

    private async Task<string?> WaitForDigitAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1 || !int.TryParse(arguments[0], out var timeout))
        {
            return null;
        }

        if (TakeHangupDuring())
        {
            return "200 result=-1";
        }

        var wait = timeout < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeout);
        var deadline = DateTime.UtcNow + (timeout < 0 ? TimeSpan.Zero : wait);
        while (true)
        {
            var added = NextActionAdded;
            if (await EnsureKeysAsync(canTimeOut: true).ConfigureAwait(false))
            {
                var key = _typeAhead[0];
                _typeAhead.Remove(0, 1);
                return $"200 result={(int)key}";
            }

            // Nothing typed: wait for the caller (an action added while the call runs), a hang-up, or the timeout.
            var left = timeout < 0 ? Timeout.InfiniteTimeSpan : deadline - DateTime.UtcNow;
            if (left != Timeout.InfiniteTimeSpan && left < TimeSpan.Zero)
            {
                left = TimeSpan.Zero;
            }

            if (!await WaitForActionAsync(added, left).ConfigureAwait(false))
            {
                break;
            }
        }

        if (_callerHungUp.Task.IsCompleted)
        {
            _pendingHangup = true;
            return "200 result=-1";
        }

        return "200 result=0";
    }

    private async Task<string?> SayAsync(string name, IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2)
        {
            return null;
        }

        List<string> files;
        if (name == "SAY NUMBER")
        {
            if (!long.TryParse(arguments[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            files = NumberFiles(number);
        }
        else
        {
            files = arguments[0].Select(c => char.IsDigit(c) ? $"digits/{c}" : $"letters/{char.ToLowerInvariant(c)}").ToList();
        }

        if (TakeHangupDuring())
        {
            return "200 result=-1";
        }

        var digit = await TakeEscapeDigitAsync(arguments[1], canTimeOut: false).ConfigureAwait(false);
        foreach (var file in files)
        {
            if (!await PlayAsync(file, digit is null ? _options.PromptDuration(file) : TimeSpan.Zero).ConfigureAwait(false))
            {
                _pendingHangup = true;
                return "200 result=-1";
            }

            if (digit is not null)
            {
                break;
            }
        }

        return $"200 result={(digit is { } d ? (int)d : 0)}";
    }

    private static List<string> NumberFiles(long number)
    {
        var files = new List<string>();
        if (number < 0)
        {
            files.Add("digits/minus");
            number = -number;
        }

        void Below1000(long n)
        {
            if (n >= 100)
            {
                files.Add($"digits/{n / 100}");
                files.Add("digits/hundred");
                n %= 100;
            }

            if (n > 20)
            {
                files.Add($"digits/{n / 10 * 10}");
                n %= 10;
            }

            if (n > 0)
            {
                files.Add($"digits/{n}");
            }
        }

        if (number == 0)
        {
            files.Add("digits/0");
        }

        foreach (var (size, word) in new[] { (1_000_000_000L, "digits/billion"), (1_000_000L, "digits/million"), (1_000L, "digits/thousand") })
        {
            if (number >= size)
            {
                Below1000(number / size);
                files.Add(word);
                number %= size;
            }
        }

        Below1000(number);
        return files;
    }

    private async Task<string?> RecordFileAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 4 || !int.TryParse(arguments[3], out var maxMs))
        {
            return null;
        }

        var (path, format, escape) = (arguments[0], arguments[1], arguments[2]);
        int? silence = null;
        var beep = false;
        for (var i = 4; i < arguments.Count; i++)
        {
            if (arguments[i].StartsWith("s=", StringComparison.Ordinal) && int.TryParse(arguments[i][2..], out var s))
            {
                silence = s;
            }
            else if (!(i == 4 && long.TryParse(arguments[i], out _)))
            {
                beep = true; // any other 7th/8th token plays a beep
            }
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(_options.SoundsDirectory, path);
        var target = $"{full}.{format}";
        var directory = Path.GetDirectoryName(target);
        if (format is not ("wav" or "gsm" or "sln" or "ulaw" or "alaw" or "g722") || directory is null || !Directory.Exists(directory))
        {
            return "200 result=-1 (writefile)";
        }

        if (beep)
        {
            await PlayAsync("beep", TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }

        byte[] audio = [];
        if (_typeAhead.Length == 0 && _actions.TryPeek(out var head))
        {
            if (head is CallerAction.Say say)
            {
                _actions.TryDequeue(out _);
                audio = say.Pcm();
                Note($"caller speaks {audio.Length / 2 / SamplesPerMs} ms");
            }
            else if (head is CallerAction.StaySilent)
            {
                _actions.TryDequeue(out _);
                Note("caller stays silent");
            }
        }

        var maxSamples = maxMs > 0 ? (long)maxMs * SamplesPerMs : long.MaxValue;
        var spoken = Math.Min(audio.Length / 2, maxSamples);
        string reply;
        long fileSamples;
        if (TakeHangupDuring() || (_actions.TryPeek(out var next) && next is CallerAction.HangUp && _actions.TryDequeue(out _) && TakeHangupFromAction()))
        {
            fileSamples = spoken;
            reply = $"200 result=-1 (hangup) endpos={Int(spoken)}";
        }
        else if (await TakeEscapeDigitAsync(escape, canTimeOut: false).ConfigureAwait(false) is { } digit)
        {
            fileSamples = spoken;
            reply = $"200 result={(int)digit} (dtmf) endpos={Int(spoken)}";
        }
        else if (silence is { } quiet && spoken + ((long)quiet * WavFileRate) <= maxSamples)
        {
            // Silence detection ends it; the file keeps 1 s of the trailing silence.
            fileSamples = spoken + WavFileRate;
            reply = $"200 result=1 (timeout) endpos={Int(spoken + ((long)quiet * WavFileRate))}";
        }
        else
        {
            fileSamples = maxSamples == long.MaxValue ? spoken : maxSamples;
            reply = $"200 result=1 (timeout) endpos={Int(fileSamples)}";
        }

        var pcm = new byte[fileSamples * 2];
        audio.AsSpan(0, (int)Math.Min(audio.Length, pcm.Length)).CopyTo(pcm);
        if (format == "wav")
        {
            WavFile.Write(target, pcm);
        }
        else
        {
            await File.WriteAllBytesAsync(target, pcm).ConfigureAwait(false);
        }

        lock (_sync)
        {
            _recordings.Add(target);
        }

        await SleepAsync(TimeSpan.FromMilliseconds(fileSamples / (double)SamplesPerMs)).ConfigureAwait(false);
        return reply;
    }

    private const int WavFileRate = WavFile.SampleRate;

    private bool TakeHangupFromAction()
    {
        _pendingHangup = true;
        Note("caller hangs up during the recording");
        return true;
    }

    private string? SetVariable(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 2)
        {
            return null;
        }

        if (arguments[0] == "CHANNEL(language)")
        {
            _language = arguments[1];
        }

        lock (_sync)
        {
            _variables[arguments[0]] = arguments[1];
        }

        return "200 result=1";
    }

    private string? Lookup(string name)
    {
        switch (name)
        {
            case "CHANNEL(language)":
                return _language;
            case "CALLERID(num)":
                return _options.CallerId;
            case "CALLERID(name)":
                return _options.CallerIdName;
            case "UNIQUEID":
                return _options.UniqueId;
            case "CHANNEL":
                return _options.Channel;
            case "CONTEXT":
                return _options.Context;
            case "EXTEN":
                return _options.Extension;
            default:
                lock (_sync)
                {
                    return _variables.TryGetValue(name, out var value) ? value : null;
                }
        }
    }

    private string? GetVariable(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 1)
        {
            return null;
        }

        return Lookup(arguments[0]) is { } value ? $"200 result=1 ({value})" : "200 result=0";
    }

    private string? GetFullVariable(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1)
        {
            return null;
        }

        var expression = arguments[0];
        var text = new StringBuilder();
        var i = 0;
        while (i < expression.Length)
        {
            var start = expression.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                text.Append(expression, i, expression.Length - i);
                break;
            }

            text.Append(expression, i, start - i);
            var end = expression.IndexOf('}', start);
            if (end < 0)
            {
                text.Append(expression, start, expression.Length - start);
                break;
            }

            text.Append(Lookup(expression[(start + 2)..end]) ?? string.Empty);
            i = end + 1;
        }

        return $"200 result=1 ({text})";
    }

    private async Task<string?> ExecAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1)
        {
            return null;
        }

        var application = arguments[0];
        var options = arguments.Count > 1 ? arguments[1] : string.Empty;
        switch (application.ToUpperInvariant())
        {
            case "PLAYBACK":
                if (!_dead && TakeHangupDuring())
                {
                    return "200 result=-1";
                }

                var status = "SUCCESS";
                foreach (var file in options.Split(',')[0].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!_options.PromptExists(file))
                    {
                        status = "FAILED";
                        continue;
                    }

                    await PlayAsync(file, _options.PromptDuration(file)).ConfigureAwait(false);
                }

                lock (_sync)
                {
                    _variables["PLAYBACKSTATUS"] = status;
                }

                return "200 result=0";
            case "SET":
                var eq = options.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    SetVariable([options[..eq], options[(eq + 1)..]]);
                }

                return "200 result=0";
            case "WAIT":
                if (double.TryParse(options, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    await SleepAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
                }

                return "200 result=0";
            case "ANSWER":
                _answered = true;
                return "200 result=0";
            case "NOOP" or "SENDDTMF" or "VERBOSE" or "LOG":
                return "200 result=0";
            case "HANGUP":
                if (!_dead)
                {
                    _pendingHangup = true;
                }

                return "200 result=-1";
            default:
                return "200 result=-2";
        }
    }
}
