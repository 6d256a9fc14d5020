namespace IvrReadings.FastAgi.Tests.Protocol;

public sealed class AgiCommandTests
{
    [Theory]
    [InlineData("ANSWER", new string[0], "ANSWER")]
    [InlineData("SET VARIABLE", new[] { "MYVAR", "hello world" }, "SET VARIABLE MYVAR \"hello world\"")]
    [InlineData("SET VARIABLE", new[] { "EMPTY", "" }, "SET VARIABLE EMPTY \"\"")]
    [InlineData("SET VARIABLE", new[] { "Q", "a \"quoted\" value" }, "SET VARIABLE Q \"a \\\"quoted\\\" value\"")]
    [InlineData("SET VARIABLE", new[] { "P", "C:\\dir" }, "SET VARIABLE P \"C:\\\\dir\"")]
    [InlineData("SET VARIABLE", new[] { "CHANNEL(language)", "ru" }, "SET VARIABLE CHANNEL(language) ru")]
    [InlineData("SET VARIABLE", new[] { "UTF8", "Показания счётчика" }, "SET VARIABLE UTF8 \"Показания счётчика\"")]
    public void Arguments_are_quoted_only_when_needed(string name, string[] arguments, string expected)
    {
        var command = new AgiCommand(name, arguments.Select(AgiArgument.FromString).ToArray());
        Assert.Equal(expected, command.ToString());
    }

    [Fact]
    public void Escape_digits_are_always_quoted()
    {
        Assert.Equal("STREAM FILE digits/5 \"\"", new AgiCommand("STREAM FILE", "digits/5", AgiArgument.Quoted("")).ToString());
        Assert.Equal("STREAM FILE custom/x \"#\"", new AgiCommand("STREAM FILE", "custom/x", AgiArgument.Quoted("#")).ToString());
    }

    [Fact]
    public void The_line_ends_with_lf_only()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        new AgiCommand("NOOP").Write(writer);
        Assert.Equal("NOOP\n"u8.ToArray(), writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nNOOP")]
    public void Cr_and_lf_inside_an_argument_are_rejected(string value)
    {
        Assert.Throws<ArgumentException>(() => new AgiCommand("SET VARIABLE", "X", value));
        Assert.Throws<ArgumentException>(() => new AgiCommand("NOOP" + value));
    }
}
