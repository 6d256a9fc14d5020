using System.Buffers;
using System.Text;

namespace IvrReadings.FastAgi;

/// <summary>One argument of an AGI command. Plain strings convert implicitly and are quoted only when they must be;
/// <see cref="Quoted"/> forces quotes (escape digits are always sent as <c>"#"</c> or <c>""</c>).</summary>
public readonly record struct AgiArgument(string Value, bool AlwaysQuote = false)
{
    public static implicit operator AgiArgument(string value) => new(value);

    public static AgiArgument Quoted(string value) => new(value, true);

    public static AgiArgument FromString(string value) => new(value);
}

/// <summary>A command line for Asterisk: the command words (<c>STREAM FILE</c>) and its arguments.</summary>
public readonly record struct AgiCommand
{
    private readonly AgiArgument[]? _arguments;

    public AgiCommand(string name, params AgiArgument[] arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Reject(name);
        foreach (var argument in arguments)
        {
            ArgumentNullException.ThrowIfNull(argument.Value, nameof(arguments));
            Reject(argument.Value);
        }

        Name = name;
        _arguments = arguments;
    }

    /// <summary>The command words, e.g. <c>STREAM FILE</c>; also the metric tag.</summary>
    public string Name { get; }

    public IReadOnlyList<AgiArgument> Arguments => _arguments ?? [];

    /// <summary>The exact line sent, without its LF.</summary>
    public override string ToString()
    {
        var writer = new ArrayBufferWriter<byte>(64);
        Write(writer);
        return Encoding.UTF8.GetString(writer.WrittenSpan[..^1]);
    }

    /// <summary>Writes the command and its LF (never CR: Asterisk keeps a CR as part of the last argument).</summary>
    public void Write(IBufferWriter<byte> output)
    {
        WriteUtf8(output, Name);
        // The array itself, not the IReadOnlyList: enumerating the interface would allocate an enumerator per command.
        foreach (var argument in _arguments ?? [])
        {
            WriteUtf8(output, " ");
            WriteArgument(output, argument);
        }

        WriteUtf8(output, "\n");
    }

    private static void WriteArgument(IBufferWriter<byte> output, AgiArgument argument)
    {
        var value = argument.Value;
        if (!argument.AlwaysQuote && value.Length > 0 && value.AsSpan().IndexOfAny(" \t\"\\") < 0)
        {
            WriteUtf8(output, value);
            return;
        }

        // Asterisk's argument splitter: double quotes group, a backslash makes the next character literal.
        WriteUtf8(output, "\"");
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '"' or '\\')
            {
                WriteUtf8(output, value.AsSpan(start, i - start));
                WriteUtf8(output, "\\");
                start = i;
            }
        }

        WriteUtf8(output, value.AsSpan(start));
        WriteUtf8(output, "\"");
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void Reject(string value)
    {
        // A CR or LF inside an argument would end the command early and desynchronise every later reply.
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("AGI arguments cannot contain CR or LF.", nameof(value));
        }
    }
}
