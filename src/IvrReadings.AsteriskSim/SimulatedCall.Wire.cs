using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>The wire: the environment block, commands read the way Asterisk reads them, replies written, the transcript.</summary>
public sealed partial class SimulatedCall
{
    private async Task SendEnvironmentAsync(EndPoint server, CancellationToken ct)
    {
        var script = _options.Query is null ? _options.Script : _options.Script + "?" + _options.Query;
        var host = server is IPEndPoint ip ? $"{ip.Address}:{ip.Port}" : server.ToString();
        var lines = new List<KeyValuePair<string, string>>
        {
            new("agi_network", "yes"),
            new("agi_network_script", script),
            new("agi_request", $"agi://{host}/{script}"),
            new("agi_channel", _options.Channel),
            new("agi_language", _options.Language),
            new("agi_type", "Local"),
            new("agi_uniqueid", _options.UniqueId),
            new("agi_version", "22.10.1"),
            new("agi_callerid", _options.CallerId),
            new("agi_calleridname", _options.CallerIdName),
            new("agi_callingpres", "0"),
            new("agi_callingani2", "0"),
            new("agi_callington", "0"),
            new("agi_callingtns", "0"),
            new("agi_dnid", "unknown"),
            new("agi_rdnis", "unknown"),
            new("agi_context", _options.Context),
            new("agi_extension", _options.Extension),
            new("agi_priority", "1"),
            new("agi_enhanced", "0.0"),
            new("agi_accountcode", string.Empty),
            new("agi_threadid", "140512963843776"),
        };
        foreach (var extra in _options.ExtraEnvironment)
        {
            var index = lines.FindIndex(l => l.Key == extra.Key);
            if (index >= 0)
            {
                lines[index] = extra;
            }
            else
            {
                lines.Add(extra);
            }
        }

        for (var i = 0; i < _options.Arguments.Count; i++)
        {
            lines.Add(new($"agi_arg_{i + 1}", _options.Arguments[i]));
        }

        // Asterisk writes every line with its own write(); the app must not assume one read.
        foreach (var (name, value) in lines)
        {
            await WriteAsync($"{name}: {value}\n").ConfigureAwait(false);
            if (_options.EnvironmentLineDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.EnvironmentLineDelay, ct).ConfigureAwait(false);
            }
        }

        await WriteAsync("\n").ConfigureAwait(false);
        _options.Observer?.OnEnvironmentSent(this);
    }

    /// <summary>Reads one command the way Asterisk's buffered fgets() loop does: it waits for the socket to be readable
    /// BEFORE looking at what it already buffered. So two commands in one write are answered one at a time, the
    /// second only when more bytes arrive: pipelining leaves the app one reply behind (transcript 29).</summary>
    private async Task<string?> ReadCommandLineAsync(CancellationToken ct)
    {
        var socket = _socket!;
        await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct).ConfigureAwait(false);
        while (true)
        {
            if (TryTakeLine(out var line))
            {
                return line;
            }

            if (_bufferStart > 0)
            {
                Buffer.BlockCopy(_buffer, _bufferStart, _buffer, 0, _bufferEnd - _bufferStart);
                _bufferEnd -= _bufferStart;
                _bufferStart = 0;
            }

            if (_bufferEnd == _buffer.Length)
            {
                // Asterisk's line buffer is finite too: a longer line is cut and the rest read as the next command.
                line = Encoding.UTF8.GetString(_buffer, 0, _bufferEnd);
                _bufferStart = _bufferEnd = 0;
                return line;
            }

            var read = await socket.ReceiveAsync(_buffer.AsMemory(_bufferEnd), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _bufferEnd += read;
        }
    }

    private bool TryTakeLine(out string line)
    {
        var span = _buffer.AsSpan(_bufferStart, _bufferEnd - _bufferStart);
        var lf = span.IndexOf((byte)'\n');
        if (lf < 0)
        {
            line = string.Empty;
            return false;
        }

        line = Encoding.UTF8.GetString(span[..lf]);
        _bufferStart += lf + 1;
        return true;
    }

    private async Task ReplyAsync(string line)
    {
        await WriteAsync(line + "\n").ConfigureAwait(false);
    }

    private async Task WriteAsync(string text)
    {
        var socket = _socket ?? throw new ObjectDisposedException(nameof(SimulatedCall));
        var bytes = Encoding.UTF8.GetBytes(text);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_asteriskClosed && text != "HANGUP\nHANGUP\n")
            {
                return;
            }

            var sent = 0;
            while (sent < bytes.Length)
            {
                sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
            }

            if (_options.RecordTranscript || _options.Observer is not null)
            {
                foreach (var line in text.Split('\n')[..^1])
                {
                    Record(SimDirection.ToApp, line);
                    _options.Observer?.OnReply(this, line);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Record(SimDirection direction, string text)
    {
        if (!_options.RecordTranscript)
        {
            return;
        }

        lock (_sync)
        {
            _transcript.Add(new SimWireLine(_clock.Elapsed, direction, text));
        }
    }

    private void Note(string text) => Record(SimDirection.Note, text);
}
