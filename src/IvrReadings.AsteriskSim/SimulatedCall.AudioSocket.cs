using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IvrReadings.AsteriskSim;

/// <summary>
/// <c>EXEC AudioSocket uuid,host:port</c>, as app_audiosocket does it: connects to the app's server, sends the stream's
/// UUID, then the caller's audio as 20 ms signed-linear frames until the server ends the stream (a hangup message or
/// closing it), and answers <c>200 result=0</c>; <c>-1</c> when it cannot connect or the caller hangs up meanwhile.
/// The caller's next <see cref="CallerAction.Say"/> is sent followed by 3 s of silence frames (a phone that sends
/// silence), <see cref="CallerAction.StaySilent"/> (or nothing queued) as 6 s of silence frames,
/// <see cref="CallerAction.SendNoAudio"/> as no frames at all. A <see cref="CallerAction.HangUp"/> right after the
/// speech hangs up in the middle of the stream.
/// </summary>
public sealed partial class SimulatedCall
{
    private const int AudioFrameBytes = 320;

    /// <summary>Every AudioSocket stream's audio as sent (8 kHz 16-bit mono PCM), in order.</summary>
    public IReadOnlyList<byte[]> StreamedAudio
    {
        get
        {
            lock (_sync)
            {
                return [.. _streamed];
            }
        }
    }

    private readonly List<byte[]> _streamed = [];

    private async Task<string> AudioSocketAsync(string options)
    {
        var comma = options.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !Guid.TryParse(options[..comma], out var id) || !IPEndPoint.TryParse(options[(comma + 1)..], out var server))
        {
            return "200 result=-1";
        }

        if (!_dead && TakeHangupDuring())
        {
            return "200 result=-1";
        }

        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync(server, connect.Token).ConfigureAwait(false);
            var uuid = new byte[19];
            uuid[0] = 0x01;
            BinaryPrimitives.WriteUInt16BigEndian(uuid.AsSpan(1), 16);
            id.TryWriteBytes(uuid.AsSpan(3), bigEndian: true, out _);
            await socket.SendAsync(uuid, SocketFlags.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            Note($"AudioSocket cannot connect to {server}");
            return "200 result=-1";
        }

        // Only once connected: an answer Asterisk could not stream is said again to whatever records next.
        var (audio, hangUp) = NextStreamedAudio();
        lock (_sync)
        {
            _streamed.Add(audio);
        }

        Note($"caller streams {audio.Length / 2 / SamplesPerMs} ms to AudioSocket {server}");
        var ended = ReadUntilServerEndsAsync(socket);
        for (var offset = 0; offset < audio.Length && !ended.IsCompleted; offset += AudioFrameBytes)
        {
            var frame = new byte[3 + Math.Min(AudioFrameBytes, audio.Length - offset)];
            frame[0] = 0x10;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), (ushort)(frame.Length - 3));
            audio.AsSpan(offset, frame.Length - 3).CopyTo(frame.AsSpan(3));
            try
            {
                await socket.SendAsync(frame, SocketFlags.None).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                break;
            }

            if (_options.RealTime)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        if (hangUp)
        {
            TakeHangupFromAction();
            return "200 result=-1";
        }

        await ended.ConfigureAwait(false);
        return "200 result=0";
    }

    /// <summary>The caller's audio for one stream, and whether they hang up right after speaking.</summary>
    private (byte[] Audio, bool HangUp) NextStreamedAudio()
    {
        var silence = new byte[6 * WavFileRate * 2];
        if (_typeAhead.Length > 0 || !_actions.TryPeek(out var head))
        {
            return (silence, false);
        }

        switch (head)
        {
            case CallerAction.Say say:
                _actions.TryDequeue(out _);
                var speech = say.Pcm();
                if (_actions.TryPeek(out var next) && next is CallerAction.HangUp)
                {
                    _actions.TryDequeue(out _);
                    return (speech, true);
                }

                var withTail = new byte[speech.Length + (3 * WavFileRate * 2)];
                speech.CopyTo(withTail, 0);
                return (withTail, false);
            case CallerAction.StaySilent:
                _actions.TryDequeue(out _);
                return (silence, false);
            case CallerAction.SendNoAudio:
                _actions.TryDequeue(out _);
                Note("caller's phone sends no audio frames");
                return ([], false);
            default:
                return (silence, false);
        }
    }

    /// <summary>Reads what the app sends (its silence frames) until it sends a hangup message or closes.</summary>
    private static async Task ReadUntilServerEndsAsync(Socket socket)
    {
        var header = new byte[3];
        var payload = new byte[65535];
        try
        {
            while (true)
            {
                if (!await ReadExactlyAsync(socket, header).ConfigureAwait(false))
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1));
                if (!await ReadExactlyAsync(socket, payload.AsMemory(0, length)).ConfigureAwait(false) || header[0] is 0x00 or 0xff)
                {
                    return;
                }
            }
        }
        catch (SocketException)
        {
            // Closed.
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
