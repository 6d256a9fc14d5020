using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Tests.Recognition;

public sealed class VoskResultParserTests
{
    [Fact]
    public void Reads_nbest_shares_as_given()
    {
        var alternatives = VoskResultParser.Parse("""
            {"alternatives":[{"confidence":0.9,"text":"шесть тысяч"},{"confidence":0.1,"text":"шесть тысяч один"}]}
            """);

        Assert.Equal(["шесть тысяч", "шесть тысяч один"], alternatives.Select(a => a.Text));
        Assert.Equal(0.9, alternatives[0].Confidence, 6);
    }

    [Fact]
    public void Turns_lattice_scores_into_shares()
    {
        var alternatives = VoskResultParser.Parse("""
            {"alternatives":[{"confidence":212.5,"text":"сто"},{"confidence":210.2,"text":"сто один"},{"confidence":190.0,"text":"ста"}]}
            """);

        Assert.Equal(1.0, alternatives.Sum(a => a.Confidence), 6);
        Assert.True(alternatives[0].Confidence > 0.9);
        Assert.Equal(212.5, alternatives[0].Score);
        Assert.Equal("сто", alternatives[0].Text);
    }

    [Fact]
    public void A_score_scale_below_one_flattens_the_shares()
    {
        const string json = """{"alternatives":[{"confidence":212.0,"text":"сто"},{"confidence":210.0,"text":"сто один"}]}""";

        var sharp = VoskResultParser.Parse(json);
        var flat = VoskResultParser.Parse(json, scoreScale: 0.25);

        Assert.True(sharp[0].Confidence > 0.88);
        Assert.InRange(flat[0].Confidence, 0.6, 0.65);
    }

    [Fact]
    public void Single_best_takes_the_weakest_word()
    {
        var alternatives = VoskResultParser.Parse("""
            {"result":[{"conf":1.0,"end":1,"start":0,"word":"сто"},{"conf":0.62,"end":2,"start":1,"word":"два"}],"text":"сто два"}
            """);

        var only = Assert.Single(alternatives);
        Assert.Equal("сто два", only.Text);
        Assert.Equal(0.62, only.Confidence, 6);
    }

    [Fact]
    public void Text_without_word_confidences_counts_as_certain() =>
        Assert.Equal(1.0, Assert.Single(VoskResultParser.Parse("""{"text":"да"}""")).Confidence);

    [Theory]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"alternatives":[{"confidence":100.0,"text":""}]}""")]
    [InlineData("""{"partial":""}""")]
    public void Silence_gives_no_alternatives(string json) => Assert.Empty(VoskResultParser.Parse(json));

    [Fact]
    public void Segments_split_by_a_pause_are_joined()
    {
        var alternatives = VoskResultParser.Parse(
        [
            """{"alternatives":[{"confidence":0.8,"text":"шестьдесят один"},{"confidence":0.2,"text":"шестьдесят"}]}""",
            """{"alternatives":[{"confidence":0.0,"text":""}]}""",
            """{"alternatives":[{"confidence":0.9,"text":"шестнадцать"},{"confidence":0.1,"text":"шестьдесят"}]}""",
        ]);

        Assert.Equal("шестьдесят один шестнадцать", alternatives[0].Text);
        Assert.Equal(0.72, alternatives[0].Confidence, 6);
        Assert.Equal(4, alternatives.Count);
    }

    [Fact]
    public void Keeps_at_most_the_requested_number()
    {
        var json = """{"alternatives":[{"confidence":0.5,"text":"a"},{"confidence":0.3,"text":"b"},{"confidence":0.2,"text":"c"}]}""";

        Assert.Equal(2, VoskResultParser.Parse(json, maxAlternatives: 2).Count);
    }

    [Fact]
    public void Reads_a_stored_multi_segment_array()
    {
        var alternatives = VoskResultParser.Parse("""[{"text":"сто"},{"text":"два"}]""");

        Assert.Equal("сто два", Assert.Single(alternatives).Text);
    }
}
