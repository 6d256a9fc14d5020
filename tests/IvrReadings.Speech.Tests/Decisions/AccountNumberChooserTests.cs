using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Tests.Decisions;

public sealed class AccountNumberChooserTests
{
    private static readonly AccountNumberChooser Chooser = new();

    [Fact]
    public async Task Keeps_leading_zeros()
    {
        var decision = await Choose(AccountConstraints.Default, ("ноль ноль один два три четыре пять", 1.0));

        var accepted = Assert.IsType<SpeechDecision.Accepted>(decision);
        Assert.Equal("0012345", accepted.Digits);
        Assert.Equal(12345, accepted.Value);
    }

    [Theory]
    [InlineData("один два три четыре", "4 digits, expected 5 to 12")]
    [InlineData("один два три четыре пять шесть семь восемь девять ноль один два три", "13 digits, expected 5 to 12")]
    public async Task Length_must_be_in_range(string text, string reason)
    {
        var review = Assert.IsType<SpeechDecision.NeedsReview>(await Choose(AccountConstraints.Default, (text, 1.0)));

        Assert.Contains(reason, review.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_known_account_check_picks_among_hypotheses()
    {
        var checkedAccounts = new List<string>();
        var constraints = new AccountConstraints(isKnownAccount: (account, _) =>
        {
            checkedAccounts.Add(account);
            return ValueTask.FromResult(account == "123457");
        });

        var decision = await Choose(
            constraints,
            ("один два три четыре пять шесть", 0.15),
            ("один два три четыре пять семь", 0.80),
            ("двенадцать тридцать четыре пятьдесят семь", 0.05));

        Assert.Equal("123457", Assert.IsType<SpeechDecision.Accepted>(decision).Digits);
        Assert.Equal(["123456", "123457"], checkedAccounts);
    }

    [Fact]
    public async Task Two_known_accounts_go_to_review()
    {
        var constraints = new AccountConstraints(isKnownAccount: (_, _) => ValueTask.FromResult(true));

        var decision = await Choose(constraints, ("один два три четыре пять шесть", 0.5), ("один два три четыре пять семь", 0.5));

        Assert.IsType<SpeechDecision.NeedsReview>(decision);
    }

    [Fact]
    public async Task An_unknown_account_goes_to_review()
    {
        var constraints = new AccountConstraints(isKnownAccount: (_, _) => ValueTask.FromResult(false));

        var review = Assert.IsType<SpeechDecision.NeedsReview>(await Choose(constraints, ("один два три четыре пять", 1.0)));

        Assert.Contains("no such account", review.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constraints_guard_their_ranges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccountConstraints(minLength: 6, maxLength: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeterConstraints(0));
    }

    private static ValueTask<SpeechDecision> Choose(AccountConstraints constraints, params (string Text, double Confidence)[] alternatives) =>
        Chooser.ChooseAsync([.. alternatives.Select(a => new RecognitionAlternative(a.Text, a.Confidence))], SpeechLanguage.Russian, constraints, CancellationToken.None);
}
