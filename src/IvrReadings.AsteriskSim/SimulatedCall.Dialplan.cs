using System.Globalization;
using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>Channel variables and the dialplan applications EXEC runs.</summary>
public sealed partial class SimulatedCall
{
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
            case "AUDIOSOCKET":
                return await AudioSocketAsync(options).ConfigureAwait(false);
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
