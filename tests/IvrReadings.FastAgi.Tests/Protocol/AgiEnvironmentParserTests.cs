using System.Buffers;
using System.Text;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Protocol;

public sealed class AgiEnvironmentParserTests
{
    private const int Max = 8192;

    [Theory]
    [MemberData(nameof(Transcripts.WithSession), MemberType = typeof(Transcripts))]
    public void Every_prefix_of_a_real_environment_block_is_incomplete_and_the_whole_block_parses(string transcript)
    {
        var (env, _) = Transcripts.Split(transcript);
        for (var length = 0; length < env.Length; length++)
        {
            var prefix = new ReadOnlySequence<byte>(env, 0, length);
            Assert.False(AgiEnvironmentParser.TryParse(ref prefix, Max, out _), $"prefix of {length} bytes");
            Assert.Equal(length, prefix.Length); // nothing consumed
        }

        var whole = new ReadOnlySequence<byte>(env);
        Assert.True(AgiEnvironmentParser.TryParse(ref whole, Max, out var parsed));
        Assert.True(whole.IsEmpty);
        Assert.Equal("yes", parsed.Values["agi_network"]);
        Assert.Equal("readings", parsed.Script);
        Assert.StartsWith("lang=ru", parsed.Query, StringComparison.Ordinal);
        Assert.Equal("ru", parsed.GetQueryParameter("lang"));
        Assert.Equal(string.Empty, parsed.Values["agi_accountcode"]);
        Assert.NotEmpty(parsed.UniqueId);
        Assert.StartsWith("Local/", parsed.Channel, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transcripts.WithSession), MemberType = typeof(Transcripts))]
    public void One_byte_per_segment_gives_the_same_environment(string transcript)
    {
        var (env, rest) = Transcripts.Split(transcript);
        var contiguous = new ReadOnlySequence<byte>(env);
        Assert.True(AgiEnvironmentParser.TryParse(ref contiguous, Max, out var expected));

        var both = env.Concat(rest).ToArray();
        var segmented = Segments.OneBytePerSegment(both);
        Assert.True(AgiEnvironmentParser.TryParse(ref segmented, Max, out var actual));
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(rest.Length, segmented.Length); // the bytes after the block are left for the reply parser
    }

    [Fact]
    public void Arguments_query_and_utf8_are_taken_as_sent()
    {
        var (env, _) = Transcripts.Split("05-urlq.txt");
        var buffer = new ReadOnlySequence<byte>(env);
        Assert.True(AgiEnvironmentParser.TryParse(ref buffer, Max, out var parsed));

        Assert.Equal(["urlq", "arg with spaces", "quoted,comma", ""], parsed.Arguments);
        Assert.Equal("readings?lang=ru&acct=12%2034&name=Показания", parsed.NetworkScript);
        Assert.Equal("lang=ru&acct=12%2034&name=Показания", parsed.Query);
        Assert.Equal("12 34", parsed.GetQueryParameter("acct"));
        Assert.Equal("Показания", parsed.GetQueryParameter("name"));
        Assert.Null(parsed.GetQueryParameter("missing"));
    }

    [Fact]
    public void A_value_may_contain_colons_and_the_separator_is_the_first_colon_space()
    {
        var bytes = Encoding.UTF8.GetBytes("agi_network: yes\nagi_request: agi://127.0.0.1:4573/x?a=b: c\nagi_accountcode: \n\n");
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(AgiEnvironmentParser.TryParse(ref buffer, Max, out var parsed));
        Assert.Equal("agi://127.0.0.1:4573/x?a=b: c", parsed.Values["agi_request"]);
        Assert.Equal(string.Empty, parsed.Values["agi_accountcode"]);
        Assert.Empty(parsed.Arguments);
    }

    [Fact]
    public void Values_the_same_as_the_last_calls_share_its_string_and_the_others_are_their_own()
    {
        static AgiEnvironment Parse(string uniqueId)
        {
            var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(
                $"agi_request: agi://127.0.0.1:4573/shared-{nameof(AgiEnvironmentParserTests)}\nagi_uniqueid: {uniqueId}\n" +
                "agi_calleridname: Иван Петров\n\n"));
            Assert.True(AgiEnvironmentParser.TryParse(ref buffer, Max, out var parsed));
            return parsed;
        }

        // Other tests parse environments at the same time and may replace the remembered value between two parses.
        var shared = false;
        for (var attempt = 0; attempt < 100 && !shared; attempt++)
        {
            var first = Parse("1700000000.1");
            var second = Parse("1700000000.2");
            shared = ReferenceEquals(first.Get("agi_request"), second.Get("agi_request"));
            Assert.Equal("1700000000.2", second.UniqueId);
            Assert.Equal("1700000000.1", first.UniqueId);
            Assert.Equal("Иван Петров", second.CallerIdName);
        }

        Assert.True(shared, "two calls with the same agi_request never shared its string");
    }

    [Fact]
    public void Variables_asterisk_does_not_usually_send_and_repeated_ones_are_kept_last_value_winning()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "agi_network: yes\nagi_x_custom: a\nagi_arg_1: one\nagi_arg_2: two\nagi_arg_3: 3\nagi_arg_4: 4\nagi_arg_5: five\n" +
            "agi_x_custom: b\nagi_channel: SIP/1\nagi_x_other: agi_x_custom\nagi_channel: SIP/2\n\n");
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(AgiEnvironmentParser.TryParse(ref buffer, Max, out var parsed));

        Assert.Equal("b", parsed.Get("agi_x_custom"));
        Assert.Equal("agi_x_custom", parsed.Get("agi_x_other"));
        Assert.Equal("SIP/2", parsed.Channel);
        Assert.Equal(["one", "two", "3", "4", "five"], parsed.Arguments);
        Assert.Equal(string.Empty, parsed.Get("agi_dnid")); // not sent
        Assert.Equal(9, parsed.Values.Count);
        Assert.Equal("b", parsed.Values["agi_x_custom"]);
        Assert.Equal("five", parsed.Values["agi_arg_5"]);
        Assert.False(parsed.Values.ContainsKey("agi_dnid"));

        var rebuilt = new AgiEnvironment(parsed.Values);
        Assert.Equal(parsed.Values, rebuilt.Values);
        Assert.Equal(parsed.Arguments, rebuilt.Arguments);
    }

    [Fact]
    public void A_line_longer_than_the_cap_is_a_protocol_error_even_before_its_end_arrives()
    {
        var bytes = Encoding.UTF8.GetBytes("agi_network: " + new string('x', 200));
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(ref buffer, 100, out _));
    }

    [Fact]
    public void Something_that_is_not_asterisk_is_rejected_on_its_first_line()
    {
        var buffer = new ReadOnlySequence<byte>("GET / HTTP/1.1\nHost: x\n"u8.ToArray());
        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(ref buffer, Max, out _));
    }
}
