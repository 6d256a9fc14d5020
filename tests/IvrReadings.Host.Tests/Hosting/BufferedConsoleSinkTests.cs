using System.Globalization;
using System.Text.Json;
using IvrReadings.Host.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace IvrReadings.Host.Tests.Hosting;

/// <summary>The product's console log: lines wait in one buffer for at most the interval, never a warning or an error,
/// and nothing is lost when the logger is disposed.</summary>
public sealed class BufferedConsoleSinkTests
{
    private const string Template = "{Level:u3} {Message:l}{NewLine}";

    private static (Logger Logger, BufferedConsoleSink Sink, CountingWriter Output) Create(TimeSpan interval)
    {
        var output = new CountingWriter();
        var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture), output, interval);
        var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        return (logger, sink, output);
    }

    [Fact]
    public void Information_lines_are_written_together_in_one_write_not_one_by_one()
    {
        var (logger, sink, output) = Create(TimeSpan.FromMinutes(10)); // the timer cannot fire during the test
        using (logger)
        {
            logger.Information("Call ended: {Outcome}", "hangup");
            logger.Debug("AGI >> {Command}", "HANGUP");
            logger.Information("Call ended: {Outcome}", "completed");
            Assert.Equal(string.Empty, output.ToString());

            sink.WritePending();
            Assert.Equal("INF Call ended: hangup\nDBG AGI >> HANGUP\nINF Call ended: completed\n", output.ToString().ReplaceLineEndings("\n"));
            Assert.Equal(1, output.Flushes);
        }
    }

    /// <summary>The product's sink writes standard output through <see cref="BufferedConsoleSink.CreateOutput"/>: a batch of
    /// a hundred summary lines reaches the stream in one write (a writer like Console.Out's writes every 256 characters), each byte as formatted.</summary>
    [Fact]
    public void A_batch_of_lines_reaches_standard_output_in_one_write()
    {
        var stream = new CountingStream();
        var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture),
            BufferedConsoleSink.CreateOutput(stream), TimeSpan.FromMinutes(10));
        using var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        for (var i = 0; i < 100; i++)
        {
            logger.Information("Call ended: {Outcome} after {DurationMs} ms; script {Script}, caller {CallerId}, Asterisk id {AsteriskUniqueId} ü",
                "completed", i, "bench", "5551234", $"1700000000.{i}");
        }

        Assert.Equal(0, stream.Writes);
        sink.WritePending();

        Assert.Equal(1, stream.Writes);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(100, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("INF Call ended: completed after 0 ms; script bench, caller 5551234, Asterisk id 1700000000.0 ü\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Asterisk id 1700000000.99 ü\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_is_written_at_once_after_the_lines_before_it()
    {
        var (logger, _, output) = Create(TimeSpan.FromMinutes(10));
        using (logger)
        {
            logger.Information("Call ended: {Outcome}", "completed");
            logger.Warning("Busy: {ActiveCalls} calls active", 100);
            Assert.Equal("INF Call ended: completed\nWRN Busy: 100 calls active\n", output.ToString().ReplaceLineEndings("\n"));

            logger.Error(new InvalidOperationException("boom"), "AGI script handler failed");
            Assert.Contains("ERR AGI script handler failed", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Information_lines_are_written_within_the_interval_without_another_line_to_push_them()
    {
        var (logger, _, output) = Create(TimeSpan.FromMilliseconds(50));
        using (logger)
        {
            logger.Information("Call ended: {Outcome}", "completed");
            for (var i = 0; i < 300 && output.ToString().Length == 0; i++)
            {
                await Task.Delay(100); // generous on a loaded machine: 30 s for a 50 ms timer
            }

            Assert.Equal("INF Call ended: completed\n", output.ToString().ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Disposing_the_logger_writes_what_was_buffered_and_later_lines_go_out_at_once()
    {
        var (logger, sink, output) = Create(TimeSpan.FromMinutes(10));
        logger.Information("Application is shutting down...");
        logger.Dispose(); // what Log.CloseAndFlush does at exit
        Assert.Equal("INF Application is shutting down...\n", output.ToString().ReplaceLineEndings("\n"));

        sink.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Information, null, new MessageTemplateParser().Parse("late"), []));
        Assert.EndsWith("INF late\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The shipped console format (appsettings.json, and the default without it) shows values as plain words, as Serilog's
    /// own console sink did: an enum or a name is not quoted as JSON, so "ended by Silence" is what a grep of the log finds.
    /// </summary>
    [Fact]
    public void The_shipped_format_writes_enums_and_names_without_quotes()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var shipped = settings.RootElement.GetProperty("Serilog").GetProperty("WriteTo")[0].GetProperty("Args").GetProperty("outputTemplate").GetString();
        foreach (var template in new[] { shipped!, HostLogging.ConsoleTemplate })
        {
            var output = new CountingWriter();
            var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter(template, CultureInfo.InvariantCulture), output, TimeSpan.FromMinutes(10));
            using (var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
            {
                logger.Information("Answer {File} streamed: ended by {End}, {Seconds:0.0} s; model for {Language}",
                    "c1/account-1", AnswerEnd.Silence, 3.5, new LanguageName("Russian"));
            }

            Assert.EndsWith("Answer c1/account-1 streamed: ended by Silence, 3.5 s; model for Russian\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    private enum AnswerEnd
    {
        Silence,
    }

    private sealed record LanguageName(string Name)
    {
        public override string ToString() => Name;
    }

    /// <summary>Standard output as the sink sees it: counts the writes (one system call each on the real one).</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        // MemoryStream's span overload calls the array one in a derived class: one count per write either way.
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer.ToArray(), 0, buffer.Length);
        }
    }

    /// <summary>A StringWriter that counts flushes (one per write to the real console).</summary>
    private sealed class CountingWriter : StringWriter
    {
        public CountingWriter() : base(CultureInfo.InvariantCulture)
        {
        }

        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
