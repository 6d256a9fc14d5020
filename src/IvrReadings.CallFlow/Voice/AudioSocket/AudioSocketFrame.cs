using System.Buffers;
using System.Buffers.Binary;

namespace IvrReadings.CallFlow.Voice.AudioSocket;

/// <summary>The message kinds of Asterisk's AudioSocket protocol (app_audiosocket, res_audiosocket).</summary>
public enum AudioSocketKind : byte
{
    /// <summary>Terminate the connection (closing the socket is enough too).</summary>
    Hangup = 0x00,

    /// <summary>The stream's UUID (16 bytes): the first message Asterisk sends.</summary>
    Uuid = 0x01,

    /// <summary>One DTMF digit (1 ASCII byte).</summary>
    Dtmf = 0x03,

    /// <summary>Signed linear 16-bit, 8 kHz, mono PCM, little-endian.</summary>
    Audio = 0x10,

    /// <summary>An error; the payload is an optional application-specific code.</summary>
    Error = 0xff,
}

/// <summary>
/// AudioSocket messages: a kind byte, a 16-bit big-endian payload length, the payload. A pure parser in the house
/// style: it slices whole messages off the front of what has arrived, in any segmentation.
/// </summary>
public static class AudioSocketFrame
{
    public const int HeaderLength = 3;

    /// <summary>20 ms of 8 kHz 16-bit audio: the size Asterisk sends and expects.</summary>
    public const int AudioFrameBytes = 320;

    /// <summary>Takes one whole message off <paramref name="buffer"/>; false (buffer untouched) until one has arrived.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out AudioSocketKind kind, out ReadOnlySequence<byte> payload)
    {
        kind = default;
        payload = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[1..]);
        if (buffer.Length < HeaderLength + length)
        {
            return false;
        }

        kind = (AudioSocketKind)header[0];
        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(HeaderLength + length);
        return true;
    }

    /// <summary>One message: header and payload.</summary>
    public static byte[] Write(AudioSocketKind kind, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, ushort.MaxValue);
        var message = new byte[HeaderLength + payload.Length];
        message[0] = (byte)kind;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(1), (ushort)payload.Length);
        payload.CopyTo(message.AsSpan(HeaderLength));
        return message;
    }

    /// <summary>The UUID message's payload as a <see cref="Guid"/> (RFC 4122 byte order, as Asterisk's uuid_parse writes it).</summary>
    public static Guid ReadUuid(ReadOnlySequence<byte> payload)
    {
        if (payload.Length != 16)
        {
            throw new FormatException($"An AudioSocket UUID is 16 bytes, not {payload.Length}.");
        }

        Span<byte> bytes = stackalloc byte[16];
        payload.CopyTo(bytes);
        return new Guid(bytes, bigEndian: true);
    }

    public static byte[] Uuid(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return Write(AudioSocketKind.Uuid, bytes);
    }

    /// <summary>20 ms of silence, sent to Asterisk every 20 ms so the stream stays alive (Asterisk ends an AudioSocket
    /// that has been idle both ways for 2 s) and the caller hears nothing.</summary>
    public static byte[] Silence { get; } = Write(AudioSocketKind.Audio, new byte[AudioFrameBytes]);

    public static byte[] HangupMessage { get; } = Write(AudioSocketKind.Hangup, []);
}
