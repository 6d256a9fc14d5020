using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace IvrReadings.FastAgi;

/// <summary>Pure parser for what Asterisk sends after the environment block.</summary>
public static class AgiResponseParser
{
    /// <summary>A 520 usage block may hold many lines; cap it as a multiple of the line cap.</summary>
    public const int MaxUsageLines = 64;

    // Results and data words that occur on nearly every reply: cached so a reply usually allocates nothing.
    private static readonly string[] SmallResults = CreateSmallResults();
    private static readonly string[] CommonData = ["timeout", "dtmf", "hangup", "writefile", string.Empty];
    private static readonly byte[][] CommonDataBytes = CommonData.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Slices one message off the front of <paramref name="buffer"/>.</summary>
    /// <returns>false (buffer unchanged) when the message is not complete yet.</returns>
    /// <exception cref="AgiProtocolException">Too-long line, too-long 520 block, or a line that is not AGI.</exception>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxLineLength, out AgiMessage message)
    {
        message = default;
        var rest = buffer;
        if (!AgiLineReader.TryReadLine(ref rest, maxLineLength, out var line))
        {
            return false;
        }

        var first = AgiLineReader.WithSpan(line, ParseLine);
        if (first.Kind == LineKind.Hangup)
        {
            message = AgiMessage.Hangup;
        }
        else if (first.Kind == LineKind.UsageStart)
        {
            // "520-..." opens a block that ends at a line starting with "520 "; the text usually arrives ~40 ms later.
            var usage = new StringBuilder();
            for (var lines = 0; ; lines++)
            {
                if (lines > MaxUsageLines)
                {
                    throw new AgiProtocolException($"520 usage block longer than {MaxUsageLines} lines.");
                }

                if (!AgiLineReader.TryReadLine(ref rest, maxLineLength, out var usageLine))
                {
                    return false;
                }

                if (IsUsageEnd(usageLine))
                {
                    break;
                }

                if (usage.Length > 0)
                {
                    usage.Append('\n');
                }

                usage.Append(Encoding.UTF8.GetString(usageLine));
            }

            message = new AgiMessage(false, new AgiResponse(520, string.Empty, null, null, usage.ToString()));
        }
        else
        {
            message = new AgiMessage(false, first.Response);
        }

        buffer = rest;
        return true;
    }

    private static bool IsUsageEnd(in ReadOnlySequence<byte> line)
    {
        if (line.Length < 4)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[4];
        line.Slice(0, 4).CopyTo(head);
        return head.SequenceEqual("520 "u8);
    }

    private static ParsedLine ParseLine(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("HANGUP"u8))
        {
            return new ParsedLine(LineKind.Hangup, default);
        }

        if (line.Length < 3 || !Utf8Parser.TryParse(line[..3], out int code, out var used) || used != 3
            || (line.Length > 3 && line[3] != (byte)' ' && line[3] != (byte)'-'))
        {
            throw new AgiProtocolException("Reply does not start with a 3-digit code.");
        }

        if (code == 520 && line.Length > 3 && line[3] == (byte)'-')
        {
            return new ParsedLine(LineKind.UsageStart, default);
        }

        var rest = line.Length > 4 ? line[4..] : default;
        if (code != 200)
        {
            return new ParsedLine(LineKind.Response, new AgiResponse(code, string.Empty, null, null, Encoding.UTF8.GetString(rest)));
        }

        return new ParsedLine(LineKind.Response, ParseSuccess(rest));
    }

    private static AgiResponse ParseSuccess(ReadOnlySpan<byte> rest)
    {
        if (!rest.StartsWith("result="u8))
        {
            throw new AgiProtocolException("200 reply without result=.");
        }

        rest = rest[7..];
        var space = rest.IndexOf((byte)' ');
        var resultBytes = space < 0 ? rest : rest[..space];
        rest = space < 0 ? default : rest[(space + 1)..];

        string? data = null;
        if (!rest.IsEmpty && rest[0] == (byte)'(')
        {
            // The data may itself hold spaces, parentheses and "endpos=": it runs to the LAST ')'.
            var close = rest.LastIndexOf((byte)')');
            if (close < 0)
            {
                data = Intern(rest[1..]);
                rest = default;
            }
            else
            {
                data = Intern(rest[1..close]);
                rest = rest[(close + 1)..].TrimStart((byte)' ');
            }
        }

        long? endpos = null;
        if (rest.StartsWith("endpos="u8) && Utf8Parser.TryParse(rest[7..], out long position, out _))
        {
            endpos = position;
        }

        return new AgiResponse(200, ResultString(resultBytes), data, endpos, null);
    }

    private static string ResultString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        // Only cache canonical numbers ("07" must stay "07": GET DATA digits keep their leading zero).
        if (bytes.Length <= 4 && Utf8Parser.TryParse(bytes, out int value, out var used) && used == bytes.Length
            && value is >= -2 and <= 255 && (bytes.Length == 1 || (bytes[0] != (byte)'0' && !bytes.StartsWith("-0"u8))))
        {
            return SmallResults[value + 2];
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static string Intern(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < CommonDataBytes.Length; i++)
        {
            if (bytes.SequenceEqual(CommonDataBytes[i]))
            {
                return CommonData[i];
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static string[] CreateSmallResults()
    {
        var results = new string[258];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = (i - 2).ToString(CultureInfo.InvariantCulture);
        }

        return results;
    }

    private enum LineKind { Response, Hangup, UsageStart }

    private readonly record struct ParsedLine(LineKind Kind, AgiResponse Response);
}
