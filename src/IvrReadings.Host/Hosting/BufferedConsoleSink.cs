using System.Globalization;
using System.Text;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace IvrReadings.Host.Hosting;

/// <summary>
/// The product's console log (<c>"Name": "BufferedConsole"</c> in the Serilog section): each line is formatted on the
/// thread that logs it, in order, into one buffer, and the buffer goes to standard output in one write at most
/// <c>flushMilliseconds</c> after its first line. Serilog's console sink writes and flushes every line at once: one
/// system call per line on FastAGI's socket thread (~12 µs a line in <c>make bench</c>). A Warning or worse is written
/// at once, with every line before it; so is a buffer past 32 KB; disposing the logger (host stop,
/// <c>Log.CloseAndFlush</c>) writes the rest. Only Information and Debug lines can wait, never longer than the interval.
/// The product's sink writes to standard output through <see cref="CreateOutput"/>, not <see cref="Console.Out"/>.
/// </summary>
public sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    private const int WriteAtChars = 32 * 1024;

    // The output writer's buffer: a batch is one write, or two or three for one that reached WriteAtChars. Its char and
    // byte buffers (32 + 48 KB) stay below the large object heap.
    private const int OutputBufferChars = 16 * 1024;

    private readonly ITextFormatter _formatter;
    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private readonly StringWriter _pending = new(new StringBuilder(WriteAtChars), CultureInfo.InvariantCulture);
    private readonly Timer _timer;
    private bool _timerArmed;
    private bool _disposed;

    public BufferedConsoleSink(ITextFormatter formatter, TextWriter output, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _formatter = formatter;
        _output = output;
        _interval = interval;
        _timer = new Timer(static sink => ((BufferedConsoleSink)sink!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        lock (_lock)
        {
            _formatter.Format(logEvent, _pending);
            if (_disposed || logEvent.Level >= LogEventLevel.Warning || _pending.GetStringBuilder().Length >= WriteAtChars)
            {
                WritePendingLocked();
            }
            else if (!_timerArmed)
            {
                _timerArmed = true;
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The writer the product's sink writes <paramref name="stream"/> (standard output) with: UTF-8, written
    /// when the sink flushes or 16K characters are waiting. <see cref="Console.Out"/> writes every 256
    /// characters it is given (its buffer's size, kept small for interactive consoles): a batch of 200 call summaries
    /// was ~110 writes to the log file, 0.58 system calls per bench call (docs/benchmarks.md, "CPU per call").</summary>
    public static TextWriter CreateOutput(Stream stream) =>
        new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), OutputBufferChars, leaveOpen: true)
        {
            AutoFlush = false,
        };

    /// <summary>Writes what is buffered now (the timer does it after the interval).</summary>
    public void WritePending()
    {
        lock (_lock)
        {
            WritePendingLocked();
        }
    }

    private void OnTimer()
    {
        try
        {
            WritePending();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Standard output is gone (a closed pipe): as with Serilog's own sinks, the log says so to SelfLog, never crashes.
            Serilog.Debugging.SelfLog.WriteLine("Console log lines lost: {0}", ex.Message);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            WritePendingLocked();
        }

        _timer.Dispose();
    }

    private void WritePendingLocked()
    {
        _timerArmed = false;
        var text = _pending.GetStringBuilder();
        if (text.Length == 0)
        {
            return;
        }

        try
        {
            foreach (var chunk in text.GetChunks())
            {
                _output.Write(chunk.Span);
            }

            _output.Flush();
        }
        finally
        {
            text.Clear();
        }
    }
}

/// <summary><c>WriteTo.BufferedConsole(...)</c>, also from configuration (<c>"Using": [ "ivr-readings" ]</c>).</summary>
public static class BufferedConsoleSinkExtensions
{
    public static LoggerConfiguration BufferedConsole(
        this LoggerSinkConfiguration sinks,
        string outputTemplate = HostLogging.ConsoleTemplate,
        int flushMilliseconds = 200,
        LogEventLevel restrictedToMinimumLevel = LogEventLevel.Verbose)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        var formatter = new MessageTemplateTextFormatter(outputTemplate, CultureInfo.InvariantCulture);
        var output = BufferedConsoleSink.CreateOutput(Console.OpenStandardOutput());
        return sinks.Sink(new BufferedConsoleSink(formatter, output, TimeSpan.FromMilliseconds(flushMilliseconds)), restrictedToMinimumLevel);
    }
}
