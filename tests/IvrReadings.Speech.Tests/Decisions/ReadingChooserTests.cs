using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Tests.Decisions;

public sealed class ReadingChooserTests
{
    private static readonly ReadingChooser Chooser = new();
    private static readonly MeterConstraints FiveDigits = new(digitCapacity: 5, previousReading: 6000, maxPlausibleValue: 7000);

    [Fact]
    public void Accepts_a_sure_figure_that_fits()
    {
        var decision = Choose(FiveDigits, ("шесть тысяч сто шестнадцать", 0.97), ("шесть тысяч сто шестьдесят", 0.02));

        var accepted = Assert.IsType<SpeechDecision.Accepted>(decision);
        Assert.Equal(6116, accepted.Value);
        Assert.Equal(0.97, accepted.Confidence, 6);
    }

    [Fact]
    public void Picks_the_hypothesis_that_fits_the_meter_over_one_that_does_not()
    {
        // The top hypothesis is below the previous reading; the second one fits.
        var decision = Choose(FiveDigits, ("пять тысяч сто шестнадцать", 0.15), ("шесть тысяч сто шестнадцать", 0.82), ("шесть тысяч сто", 0.03));

        Assert.Equal(6116, Assert.IsType<SpeechDecision.Accepted>(decision).Value);
    }

    [Fact]
    public void Two_fitting_figures_go_to_review_never_a_guess()
    {
        var decision = Choose(FiveDigits, ("шесть тысяч сто шестнадцать", 0.6), ("шесть тысяч сто шестьдесят", 0.4));

        var review = Assert.IsType<SpeechDecision.NeedsReview>(decision);
        Assert.Contains("several figures fit", review.Reason, StringComparison.Ordinal);
        Assert.Contains("6116", review.Reason, StringComparison.Ordinal);
        Assert.Contains("6160", review.Reason, StringComparison.Ordinal);
        Assert.Equal(2, review.Candidates.Count);
    }

    [Fact]
    public void Wordings_of_one_figure_add_up()
    {
        var decision = Choose(FiveDigits, ("шесть тысяч сто шестнадцать", 0.5), ("шестьдесят один шестнадцать", 0.4), ("э шесть тысяч сто шестнадцать", 0.1));

        Assert.Equal(1.0, Assert.IsType<SpeechDecision.Accepted>(decision).Confidence, 6);
    }

    [Fact]
    public void Low_confidence_goes_to_review()
    {
        var decision = Choose(FiveDigits, ("шесть тысяч сто шестнадцать", 0.6), ("[unk]", 0.4));

        Assert.Contains("low confidence", Assert.IsType<SpeechDecision.NeedsReview>(decision).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("сто тысяч", "more than 5 digits")]
    [InlineData("пять тысяч", "below the previous reading 6000")]
    [InlineData("девять тысяч", "above the plausible maximum 7000")]
    [InlineData("привет", "not a number word")]
    [InlineData("шесть тысяч [unk] сто", "unrecognised sound")]
    public void A_figure_that_does_not_fit_goes_to_review_with_the_reason(string text, string reason)
    {
        var review = Assert.IsType<SpeechDecision.NeedsReview>(Choose(FiveDigits, (text, 1.0)));

        Assert.Contains(reason, review.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_heard_goes_to_review() =>
        Assert.Equal("nothing was recognized", Assert.IsType<SpeechDecision.NeedsReview>(Choose(FiveDigits)).Reason);

    [Fact]
    public void Leading_zeros_do_not_make_a_second_figure()
    {
        var decision = Choose(new MeterConstraints(6), ("ноль ноль сорок два", 0.5), ("сорок два", 0.5));

        Assert.Equal(42, Assert.IsType<SpeechDecision.Accepted>(decision).Value);
    }

    [Fact]
    public void Spoken_fraction_is_dropped_before_the_checks()
    {
        var decision = Choose(FiveDigits, ("шесть тысяч сто шестнадцать запятая девять", 0.99));

        Assert.Equal(6116, Assert.IsType<SpeechDecision.Accepted>(decision).Value);
    }

    [Fact]
    public void A_minor_rival_below_the_floor_does_not_block()
    {
        var decision = Choose(FiveDigits, ("шесть тысяч сто шестнадцать", 0.96), ("шесть тысяч сто шесть", 0.04));

        Assert.Equal(6116, Assert.IsType<SpeechDecision.Accepted>(decision).Value);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var strict = new ReadingChooser(new DecisionThresholds(MinConfidence: 0.99, CompetitorFloor: 0.01));

        var decision = strict.Choose([new RecognitionAlternative("шесть тысяч сто шестнадцать", 0.97)], SpeechLanguage.Russian, FiveDigits);

        Assert.IsType<SpeechDecision.NeedsReview>(decision);
    }

    [Fact]
    public void Ukrainian_readings_are_chosen_the_same_way()
    {
        var decision = new ReadingChooser().Choose(
            [new RecognitionAlternative("шість тисяч сто шістнадцять", 0.9)], SpeechLanguage.Ukrainian, FiveDigits);

        Assert.Equal(6116, Assert.IsType<SpeechDecision.Accepted>(decision).Value);
    }

    private static SpeechDecision Choose(MeterConstraints meter, params (string Text, double Confidence)[] alternatives) =>
        Chooser.Choose([.. alternatives.Select(a => new RecognitionAlternative(a.Text, a.Confidence))], SpeechLanguage.Russian, meter);
}
