using System.Net.Sockets;

namespace IvrReadings.Benchmarks.Micro;

/// <summary>
/// The Asterisk side of an in-memory connection (a Unix socket pair), on a thread of its own with blocking socket
/// calls and fixed buffers, so that it allocates nothing a memory diagnoser would charge to the server: it sends an
/// environment block when asked and answers every command line with a canned reply (GET DATA with digits).
/// </summary>
internal sealed class FakeAsterisk : IDisposable
{
    public static readonly byte[] Environment =
        "agi_network: yes\nagi_network_script: bench\nagi_request: agi://127.0.0.1/bench\nagi_channel: PJSIP/bench-00000001\nagi_language: ru\nagi_type: PJSIP\nagi_uniqueid: 1700000000.1\nagi_version: 22.10.1\nagi_callerid: 79161234567\nagi_calleridname: unknown\nagi_context: readings\nagi_extension: 100\nagi_priority: 2\nagi_enhanced: 0.0\nagi_accountcode: \nagi_threadid: 140000000000000\n\n"u8.ToArray();

    private static readonly byte[] Ok = "200 result=0\n"u8.ToArray();
    private static readonly byte[] Digits = "200 result=1234\n"u8.ToArray();
    private static readonly byte[] Hangup = "200 result=1\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly byte[] _buffer = new byte[4096];

    public FakeAsterisk(Socket socket, bool sendEnvironment)
    {
        _socket = socket;
        _thread = new Thread(() => Run(sendEnvironment)) { IsBackground = true, Name = "fake-asterisk" };
        _thread.Start();
    }

    /// <summary>Two connected sockets in this process: (server end, Asterisk end).</summary>
    public static (Socket Server, Socket Asterisk) Pair(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        File.Delete(path);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var asterisk = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        asterisk.Connect(new UnixDomainSocketEndPoint(path));
        var server = listener.Accept();
        File.Delete(path);
        return (server, asterisk);
    }

    /// <summary>Waits until the server closed its end (the call is over).</summary>
    public void Join() => _thread.Join();

    public void Dispose() => _socket.Dispose();

    private void Run(bool sendEnvironment)
    {
        try
        {
            if (sendEnvironment)
            {
                _socket.Send(Environment);
            }

            var length = 0;
            while (true)
            {
                var read = _socket.Receive(_buffer.AsSpan(length));
                if (read == 0)
                {
                    return;
                }

                length += read;
                int newline;
                while ((newline = _buffer.AsSpan(0, length).IndexOf((byte)'\n')) >= 0)
                {
                    var line = _buffer.AsSpan(0, newline);
                    _socket.Send(line.StartsWith("GET DATA"u8) ? Digits : line.SequenceEqual("HANGUP"u8) ? Hangup : Ok);
                    _buffer.AsSpan(newline + 1, length - newline - 1).CopyTo(_buffer);
                    length -= newline + 1;
                }
            }
        }
        catch (SocketException)
        {
            // The server closed the connection.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
