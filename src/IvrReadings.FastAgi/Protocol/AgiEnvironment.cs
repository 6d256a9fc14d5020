using System.Globalization;

namespace IvrReadings.FastAgi;

/// <summary>The variables Asterisk sends at the start of a FastAGI session (<c>agi_*: value</c> lines).</summary>
public sealed class AgiEnvironment
{
    // Held for the whole call, and with thousands of calls parked every byte counts: the known variables (the ~26
    // Asterisk sends) by their place in the parser's list (null: not sent), any other in _others ([name0, value0, ...],
    // in arrival order; null when there is none). A Dictionary (buckets + entries, ~0.8 KB) or name/value pairs (~0.4 KB)
    // would be the largest object of a call.
    private readonly string?[] _known;
    private readonly string[]? _others;
    private Dictionary<string, string>? _dictionary;

    public AgiEnvironment(IReadOnlyDictionary<string, string> values)
        : this(Split(values ?? throw new ArgumentNullException(nameof(values)), out var others), others)
    {
    }

    /// <summary>Takes ownership of the arrays (the parser's own: no copy per call).</summary>
    internal AgiEnvironment(string?[] known, string[]? others)
    {
        _known = known;
        _others = others;
        NetworkScript = Get("agi_network_script");

        // agi_network_script is everything after "host:port/"; the script name is the path before '?'.
        var script = NetworkScript;
        var question = script.IndexOf('?', StringComparison.Ordinal);
        Query = question < 0 ? string.Empty : script[(question + 1)..];
        Script = (question < 0 ? script : script[..question]).Trim('/');

        var count = 0;
        while (Find(ArgumentName(count + 1)) is not null)
        {
            count++;
        }

        var arguments = count == 0 ? [] : new string[count];
        for (var i = 0; i < count; i++)
        {
            arguments[i] = Get(ArgumentName(i + 1));
        }

        Arguments = arguments;
    }

    /// <summary>Every variable as sent, keyed by its full name (<c>agi_channel</c>).</summary>
    /// <remarks>Built on first use: the server itself only reads single variables.</remarks>
    public IReadOnlyDictionary<string, string> Values
    {
        get
        {
            if (_dictionary is null)
            {
                var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < _known.Length; i++)
                {
                    if (_known[i] is { } value)
                    {
                        dictionary[AgiEnvironmentParser.KnownName(i)] = value;
                    }
                }

                for (var i = 0; _others is not null && i < _others.Length; i += 2)
                {
                    dictionary[_others[i]] = _others[i + 1];
                }

                Interlocked.CompareExchange(ref _dictionary, dictionary, null);
            }

            return _dictionary;
        }
    }

    /// <summary>Raw <c>agi_network_script</c>, e.g. <c>readings?lang=ru</c>.</summary>
    public string NetworkScript { get; }

    /// <summary>The path part of <see cref="NetworkScript"/> (<c>readings</c>): what routes the call to a handler.</summary>
    public string Script { get; }

    /// <summary>The query string exactly as Asterisk sent it (not URL-decoded).</summary>
    public string Query { get; }

    public string UniqueId => Get("agi_uniqueid");

    public string Channel => Get("agi_channel");

    public string CallerId => Get("agi_callerid");

    public string CallerIdName => Get("agi_calleridname");

    public string Language => Get("agi_language");

    /// <summary><c>agi_arg_1</c>..<c>agi_arg_N</c>, in order; empty arguments are kept.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>A variable by its full name, or an empty string when Asterisk did not send it.</summary>
    public string Get(string name)
    {
        return Find(name) ?? string.Empty;
    }

    /// <returns>The variable's value, or null when Asterisk did not send it.</returns>
    private string? Find(string name)
    {
        var known = AgiEnvironmentParser.KnownIndex(name);
        if (known >= 0)
        {
            return _known[known];
        }

        for (var i = 0; _others is not null && i < _others.Length; i += 2)
        {
            if (string.Equals(_others[i], name, StringComparison.Ordinal))
            {
                return _others[i + 1];
            }
        }

        return null;
    }

    private static string?[] Split(IReadOnlyDictionary<string, string> values, out string[]? others)
    {
        var known = AgiEnvironmentParser.NewKnownValues();
        List<string>? rest = null;
        foreach (var (name, value) in values)
        {
            var index = AgiEnvironmentParser.KnownIndex(name);
            if (index >= 0)
            {
                known[index] = value;
            }
            else
            {
                (rest ??= []).AddRange([name, value]);
            }
        }

        others = rest?.ToArray();
        return known;
    }

    /// <summary>The URL-decoded value of the first query parameter called <paramref name="name"/>, or null.</summary>
    public string? GetQueryParameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var part in Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? part : part[..eq]);
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return eq < 0 ? string.Empty : Decode(part[(eq + 1)..]);
            }
        }

        return null;
    }

    private static string ArgumentName(int n) => n switch
    {
        1 => "agi_arg_1",
        2 => "agi_arg_2",
        3 => "agi_arg_3",
        4 => "agi_arg_4",
        _ => "agi_arg_" + n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
