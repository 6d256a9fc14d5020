using System.Buffers;

namespace IvrReadings.FastAgi;

/// <summary>Finds LF-terminated lines in a pipe buffer. Asterisk never sends CR, so a CR is kept as data.</summary>
public static class AgiLineReader
{
    /// <summary>Slices one line (without its LF) off the front of <paramref name="buffer"/>.</summary>
    /// <returns>false when no complete line is buffered yet; <paramref name="buffer"/> is then unchanged.</returns>
    /// <exception cref="AgiProtocolException">The line (complete or not) is longer than <paramref name="maxLineLength"/>.</exception>
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLineLength, out ReadOnlySequence<byte> line)
    {
        var lf = buffer.PositionOf((byte)'\n');
        if (lf is null)
        {
            // Without this check a peer that never sends LF makes us buffer without bound.
            if (buffer.Length > maxLineLength)
            {
                throw new AgiProtocolException($"Line longer than {maxLineLength} bytes.");
            }

            line = default;
            return false;
        }

        line = buffer.Slice(0, lf.Value);
        if (line.Length > maxLineLength)
        {
            throw new AgiProtocolException($"Line longer than {maxLineLength} bytes.");
        }

        buffer = buffer.Slice(buffer.GetPosition(1, lf.Value));
        return true;
    }

    /// <summary>Runs <paramref name="parse"/> on the line as one span, copying only when the line spans segments.</summary>
    internal static T WithSpan<T>(in ReadOnlySequence<byte> line, SpanParser<T> parse)
    {
        if (line.IsSingleSegment)
        {
            return parse(line.FirstSpan);
        }

        var length = (int)line.Length;
        if (length <= 512)
        {
            Span<byte> stack = stackalloc byte[length];
            line.CopyTo(stack);
            return parse(stack);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan(0, length);
            line.CopyTo(span);
            return parse(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal delegate T SpanParser<T>(ReadOnlySpan<byte> line);
}
