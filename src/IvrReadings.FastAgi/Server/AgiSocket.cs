using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace IvrReadings.FastAgi;

/// <summary>One FastAGI connection's socket and its receive buffer: bytes arrive in any chunking, the parsers slice
/// whole messages off the front of <see cref="Buffered"/>.</summary>
/// <remarks>
/// A plain socket rather than a Kestrel connection: no transport pipes, no scheduler hops and a few hundred bytes per
/// connection, which is what lets 10,000 calls wait in WAIT FOR DIGIT in little memory. Reads come from one loop
/// at a time (the environment reader, then the channel's read loop); writes from one command at a time.
/// </remarks>
internal sealed class AgiSocket : IDisposable
{
    // Replies are tens of bytes ("200 result=49\n", a HANGUP line); the environment block is about a kilobyte. The
    // buffer a call keeps after its environment block grows (doubling) only for longer input, such as a 520 usage block:
    // with thousands of calls held every byte of it counts.
    private const int InitialSize = 64;
    private const int EnvironmentSize = 1024;

    private readonly Socket _socket;
    private readonly int _maxBuffered;
    private byte[] _buffer;
    // The environment block is read into a pooled buffer (a connect storm of thousands of calls then leaves no
    // garbage behind); Shrink hands it back once no receive can still write into it.
    private bool _pooled;
    private int _start;
    private int _end;
    private int _disposed;
    // The environment block: 0 awaited, 1 received, 2 its deadline passed first (the socket is closed).
    private int _environment;

    public AgiSocket(Socket socket, int maxLineLength)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        // Sends are tried without blocking first (SendAsync); receives stay asynchronous.
        _socket.Blocking = false;
        // A 520 usage block is the longest message that must fit at once: many lines of up to maxLineLength.
        _maxBuffered = checked(Math.Max(maxLineLength, 1024) * 16);
        _buffer = ArrayPool<byte>.Shared.Rent(EnvironmentSize);
        _pooled = true;
    }

    /// <summary>The client's address (looked up on first use: most calls never need it).</summary>
    public EndPoint? RemoteEndPoint => EndPointOrNull(static s => s.RemoteEndPoint);

    /// <summary>This server's end of the connection (the address the client reached it at).</summary>
    public EndPoint? LocalEndPoint => EndPointOrNull(static s => s.LocalEndPoint);

    private EndPoint? EndPointOrNull(Func<Socket, EndPoint?> get)
    {
        try
        {
            return get(_socket);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>The environment block's deadline (a timer's callback): closes the socket unless the block is in; a
    /// receive still pending then fails.</summary>
    public static void EnvironmentTimedOut(object? state)
    {
        var socket = (AgiSocket)state!;
        if (Interlocked.CompareExchange(ref socket._environment, 2, 0) == 0)
        {
            socket.Dispose();
        }
    }

    /// <summary>The environment block is in.</summary>
    /// <returns>false when its deadline passed first (the socket is closed).</returns>
    public bool EnvironmentReceived() => Interlocked.CompareExchange(ref _environment, 1, 0) == 0;

    /// <summary>The bytes received and not consumed yet.</summary>
    public ReadOnlySequence<byte> Buffered => new(_buffer, _start, _end - _start);

    /// <summary>Drops <paramref name="count"/> bytes from the front of <see cref="Buffered"/>.</summary>
    public void Consume(long count)
    {
        _start += checked((int)count);
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>After the environment block (no receive pending): a small buffer of its own for the rest of the
    /// call, replies being short; the pooled one goes back.</summary>
    public void Shrink()
    {
        MoveTo(new byte[Math.Max(InitialSize, (_end - _start) * 2)]);
    }

    /// <summary>Receives more bytes after <see cref="Buffered"/>; pass the count it returns to <see cref="Received"/>.</summary>
    /// <remarks>The socket's own ValueTask, not an async method: a call waiting for a reply holds no extra frame.</remarks>
    /// <exception cref="AgiProtocolException">More than the buffer cap without a complete message.</exception>
    public ValueTask<int> ReceiveAsync(CancellationToken ct)
    {
        MakeRoom();
        return _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
    }

    /// <summary>Adds <paramref name="count"/> received bytes to <see cref="Buffered"/>.</summary>
    /// <returns>false when the peer closed the connection (nothing received).</returns>
    public bool Received(int count)
    {
        _end += count;
        return count > 0;
    }

    private void MakeRoom()
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        var length = _end - _start;
        if (length < _buffer.Length / 2)
        {
            _buffer.AsSpan(_start, length).CopyTo(_buffer); // compact in place
            _start = 0;
            _end = length;
            return;
        }

        if (_buffer.Length >= _maxBuffered)
        {
            throw new AgiProtocolException($"More than {_maxBuffered} bytes without a complete AGI message.");
        }

        MoveTo(new byte[Math.Min(_buffer.Length * 2, _maxBuffered)]);
    }

    /// <summary>Moves the unconsumed bytes to the front of <paramref name="next"/>, which becomes the buffer; a pooled
    /// one goes back (callers make sure no receive is pending).</summary>
    private void MoveTo(byte[] next)
    {
        var length = _end - _start;
        _buffer.AsSpan(_start, length).CopyTo(next);
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _pooled = false;
        }

        _buffer = next;
        _start = 0;
        _end = length;
    }

    /// <summary>Sends all of <paramref name="bytes"/>.</summary>
    /// <remarks>A command fits the socket's send buffer nearly always: it is written by a non-blocking send on the
    /// caller's thread, and only what the buffer does not take waits for an asynchronous send. The socket's cached event
    /// args for sends (~360 bytes with its callback, kept for the connection's life) then exist only on connections
    /// whose peer fell behind reading, not on each of thousands of waiting calls.</remarks>
    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var sent = _socket.Send(bytes.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return SendRestAsync(bytes, ct);
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            bytes = bytes[sent..];
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask SendRestAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Closes the connection (FIN when everything sent was read; a pending receive then ends).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }

        _socket.Dispose();
    }
}
