using System.Buffers;
using System.Text;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Protocol;

public sealed class AgiResponseParserTests
{
    private const int Max = 8192;

    private static List<AgiMessage> ParseAll(ReadOnlySequence<byte> buffer, out long left)
    {
        var messages = new List<AgiMessage>();
        while (AgiResponseParser.TryParse(ref buffer, Max, out var message))
        {
            messages.Add(message);
        }

        left = buffer.Length;
        return messages;
    }

    [Theory]
    [MemberData(nameof(Transcripts.WithSession), MemberType = typeof(Transcripts))]
    public void Every_prefix_of_a_real_reply_stream_yields_exactly_the_complete_messages(string transcript)
    {
        var (_, replies) = Transcripts.Split(transcript);
        var all = ParseAll(new ReadOnlySequence<byte>(replies), out var left);
        Assert.Equal(0, left);
        Assert.NotEmpty(all);

        for (var length = 0; length <= replies.Length; length++)
        {
            var prefix = ParseAll(new ReadOnlySequence<byte>(replies, 0, length), out _);
            Assert.Equal(all.Take(prefix.Count), prefix);

            // A message is complete exactly when the bytes of the next one have all arrived.
            var expectedCount = CompleteMessages(replies.AsSpan(0, length));
            Assert.Equal(expectedCount, prefix.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Transcripts.WithSession), MemberType = typeof(Transcripts))]
    public void One_byte_per_segment_gives_the_same_messages(string transcript)
    {
        var (_, replies) = Transcripts.Split(transcript);
        var expected = ParseAll(new ReadOnlySequence<byte>(replies), out _);
        var actual = ParseAll(Segments.OneBytePerSegment(replies), out var left);
        Assert.Equal(expected, actual);
        Assert.Equal(0, left);
    }

    /// <summary>Independent count: lines, with a 520- block counted once at its "520 " line.</summary>
    private static int CompleteMessages(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        var inUsage = false;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n')[..^1])
        {
            if (inUsage)
            {
                if (line.StartsWith("520 ", StringComparison.Ordinal))
                {
                    inUsage = false;
                    count++;
                }
            }
            else if (line.StartsWith("520-", StringComparison.Ordinal))
            {
                inUsage = true;
            }
            else
            {
                count++;
            }
        }

        return count;
    }

    private static AgiMessage One(string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
        Assert.True(AgiResponseParser.TryParse(ref buffer, Max, out var message));
        Assert.True(buffer.IsEmpty);
        return message;
    }

    [Theory]
    [InlineData("200 result=0\n", "0", null, null)]
    [InlineData("200 result=53 endpos=13440\n", "53", null, 13440L)]
    [InlineData("200 result=-1 endpos=0\n", "-1", null, 0L)]
    [InlineData("200 result=0 endpos=-1\n", "0", null, -1L)]
    [InlineData("200 result= (timeout)\n", "", "timeout", null)]
    [InlineData("200 result=12 (timeout)\n", "12", "timeout", null)]
    [InlineData("200 result=0123\n", "0123", null, null)]
    [InlineData("200 result=35 (dtmf) endpos=34914\n", "35", "dtmf", 34914L)]
    [InlineData("200 result=-1 (hangup) endpos=35234\n", "-1", "hangup", 35234L)]
    [InlineData("200 result=-1 (writefile)\n", "-1", "writefile", null)]
    [InlineData("200 result=1 ()\n", "1", "", null)]
    [InlineData("200 result=1 (x (y) z endpos=5)\n", "1", "x (y) z endpos=5", null)]
    [InlineData("200 result=1 (a \"quoted\" value)\n", "1", "a \"quoted\" value", null)]
    [InlineData("200 result=1 (Показания счётчика)\n", "1", "Показания счётчика", null)]
    public void Success_replies(string text, string result, string? data, long? endpos)
    {
        var message = One(text);
        Assert.False(message.IsHangup);
        Assert.Equal(new AgiResponse(200, result, data, endpos, null), message.Response);
    }

    [Fact]
    public void Leading_zero_results_keep_their_text_and_small_numbers_parse()
    {
        Assert.Equal("07", One("200 result=07\n").Response.ResultText);
        Assert.Equal(-2, One("200 result=-2\n").Response.Result);
        Assert.Equal(4567, One("200 result=4567\n").Response.Result);
    }

    [Fact]
    public void Error_codes_and_the_hangup_line()
    {
        Assert.Equal(510, One("510 Invalid or unknown command\n").Response.Code);
        var dead = One("511 Command Not Permitted on a dead channel or intercept routine\n").Response;
        Assert.Equal(511, dead.Code);
        Assert.Equal("Command Not Permitted on a dead channel or intercept routine", dead.Text);
        Assert.True(One("HANGUP\n").IsHangup);
    }

    [Fact]
    public void A_520_block_is_one_message_and_waits_for_its_end_line()
    {
        const string first = "520-Invalid command syntax.  Proper usage follows:\n";
        const string usage = "Send the given file.\n    <value>SUCCESS</value>\n520 End of proper usage.\n";
        var partial = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(first));
        Assert.False(AgiResponseParser.TryParse(ref partial, Max, out _));

        var message = One(first + usage);
        Assert.Equal(520, message.Response.Code);
        Assert.Equal("Send the given file.\n    <value>SUCCESS</value>", message.Response.Text);
    }

    [Fact]
    public void Hangup_before_a_reply_is_its_own_message()
    {
        var messages = ParseAll(new ReadOnlySequence<byte>("HANGUP\n200 result=1\n"u8.ToArray()), out _);
        Assert.Equal(2, messages.Count);
        Assert.True(messages[0].IsHangup);
        Assert.Equal("1", messages[1].Response.ResultText);
    }

    [Fact]
    public void Too_long_lines_and_garbage_are_protocol_errors()
    {
        var longLine = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("200 result=1 (" + new string('x', 100)));
        Assert.Throws<AgiProtocolException>(() => AgiResponseParser.TryParse(ref longLine, 50, out _));
        var garbage = new ReadOnlySequence<byte>("hello\n"u8.ToArray());
        Assert.Throws<AgiProtocolException>(() => AgiResponseParser.TryParse(ref garbage, Max, out _));
    }
}
