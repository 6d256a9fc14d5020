using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IvrReadings.FastAgi;

/// <summary>Pure parser for the environment block: <c>name: value\n</c> lines ended by an empty line.</summary>
/// <remarks>Asterisk writes each line with its own write(), so the block arrives in any number of reads. The parser is
/// re-run on the whole buffer until the empty line is there (the block is ~600 bytes; re-scanning is cheaper than
/// keeping state between reads).</remarks>
public static class AgiEnvironmentParser
{
    /// <summary>A sane bound on variables, so a hostile peer cannot make us allocate without limit.</summary>
    public const int MaxVariables = 512;

    private static readonly byte[] Separator = ": "u8.ToArray();

    // Interned names: the same 24 keys arrive on every call, so their strings are allocated once.
    private static readonly string[] KnownNames =
    [
        "agi_network", "agi_network_script", "agi_request", "agi_channel", "agi_language", "agi_type", "agi_uniqueid",
        "agi_version", "agi_callerid", "agi_calleridname", "agi_callingpres", "agi_callingani2", "agi_callington",
        "agi_callingtns", "agi_dnid", "agi_rdnis", "agi_context", "agi_extension", "agi_priority", "agi_enhanced",
        "agi_accountcode", "agi_threadid", "agi_arg_1", "agi_arg_2", "agi_arg_3", "agi_arg_4",
    ];

    private static readonly byte[][] KnownNameBytes = KnownNames.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Parses the block when it is complete.</summary>
    /// <returns>true and the buffer sliced past the empty line; false (buffer unchanged) when more bytes are needed.</returns>
    /// <exception cref="AgiProtocolException">A line is too long, does not look like an AGI variable, or there are too many.</exception>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxLineLength, [NotNullWhen(true)] out AgiEnvironment? environment)
    {
        environment = null;

        // Pass 1: find the end without allocating anything.
        var scan = buffer;
        var count = 0;
        while (true)
        {
            if (!AgiLineReader.TryReadLine(ref scan, maxLineLength, out var line))
            {
                return false;
            }

            if (line.IsEmpty)
            {
                break;
            }

            if (++count > MaxVariables)
            {
                throw new AgiProtocolException($"More than {MaxVariables} environment variables.");
            }

            if (count == 1 && !StartsWithAgi(line))
            {
                // Not Asterisk (a port scanner, an HTTP client): fail fast instead of waiting for an empty line.
                throw new AgiProtocolException("The first line is not an agi_ variable.");
            }
        }

        // Pass 2: the values, known variables in their places, any other as name/value pairs in arrival order; a
        // repeated name keeps its first place and its last value.
        var known = NewKnownValues();
        string[]? others = null;
        var used = 0;
        var rest = buffer;
        while (AgiLineReader.TryReadLine(ref rest, maxLineLength, out var line) && !line.IsEmpty)
        {
            var (index, name, value) = AgiLineReader.WithSpan(line, ParseVariable);
            if (index >= 0)
            {
                known[index] = value;
                continue;
            }

            others ??= new string[(count - CountKnown(known)) * 2];
            var at = Array.IndexOf(others, name, 0, used);
            while (at >= 0 && at % 2 != 0)
            {
                at = Array.IndexOf(others, name, at + 1, used - at - 1); // a value equal to the name: not a match
            }

            if (at >= 0)
            {
                others[at + 1] = value;
            }
            else
            {
                others[used++] = name;
                others[used++] = value;
            }
        }

        buffer = rest;
        environment = new AgiEnvironment(known, others is null || used == others.Length ? others : others[..used]);
        return true;
    }

    /// <summary>A value per known variable, null where it was not sent.</summary>
    internal static string?[] NewKnownValues() => new string?[KnownNames.Length];

    internal static string KnownName(int index) => KnownNames[index];

    /// <returns>The place of <paramref name="name"/> among the known variables, or -1.</returns>
    internal static int KnownIndex(string name) => Array.IndexOf(KnownNames, name);

    private static int CountKnown(string?[] known)
    {
        var n = 0;
        foreach (var value in known)
        {
            n += value is null ? 0 : 1;
        }

        return n;
    }

    private static bool StartsWithAgi(in ReadOnlySequence<byte> line)
    {
        Span<byte> head = stackalloc byte[4];
        if (line.Length < 4)
        {
            return false;
        }

        line.Slice(0, 4).CopyTo(head);
        return head.SequenceEqual("agi_"u8);
    }

    private static (int Known, string Name, string Value) ParseVariable(ReadOnlySpan<byte> line)
    {
        // The separator is exactly ": "; values may hold ':' themselves, so split at the first one only.
        var sep = line.IndexOf(Separator);
        ReadOnlySpan<byte> name, value;
        if (sep >= 0)
        {
            name = line[..sep];
            value = line[(sep + 2)..];
        }
        else if (line.Length > 0 && line[^1] == (byte)':')
        {
            name = line[..^1]; // tolerate "name:" with the trailing space lost
            value = default;
        }
        else
        {
            throw new AgiProtocolException("Environment line without ': ' separator.");
        }

        if (name.Length < 4 || !name[..4].SequenceEqual("agi_"u8))
        {
            throw new AgiProtocolException("Environment variable name does not start with agi_.");
        }

        var known = KnownIndex(name);
        return (known, known >= 0 ? KnownNames[known] : Encoding.UTF8.GetString(name), InternValue(value, known));
    }

    // Values that are the same on most calls (agi_callingpres: 0, agi_dnid: unknown, ...): one string for all calls,
    // which matters when thousands of calls are held.
    private static readonly string[] CommonValues = ["0", "yes", "unknown", "Local", "SIP", "PJSIP", "0.0", "en", "ru", "ivr", "1"];
    private static readonly byte[][] CommonValueBytes = CommonValues.Select(Encoding.UTF8.GetBytes).ToArray();

    // Per known variable, the value the last call sent: most are the same from call to call on one server
    // (agi_request, agi_network_script, agi_version, agi_context, agi_extension, ...), and then every held call shares
    // one string instead of keeping its own. A race between two calls only costs a string.
    private static readonly string?[] LastValues = new string?[KnownNames.Length];

    private static string InternValue(ReadOnlySpan<byte> value, int known)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (value.Length <= 7)
        {
            for (var i = 0; i < CommonValueBytes.Length; i++)
            {
                if (value.SequenceEqual(CommonValueBytes[i]))
                {
                    return CommonValues[i];
                }
            }
        }

        if (known < 0)
        {
            return Encoding.UTF8.GetString(value);
        }

        // Ascii.Equals is false for anything not ASCII: such values get a string of their own.
        var last = Volatile.Read(ref LastValues[known]);
        if (last is not null && Ascii.Equals(value, last))
        {
            return last;
        }

        var fresh = Encoding.UTF8.GetString(value);
        Volatile.Write(ref LastValues[known], fresh);
        return fresh;
    }

    /// <returns>The index of <paramref name="name"/> among the known names, or -1.</returns>
    private static int KnownIndex(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < KnownNameBytes.Length; i++)
        {
            if (name.SequenceEqual(KnownNameBytes[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
