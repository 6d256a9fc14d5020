using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Decisions;

/// <summary>Picks the account number from the N-best; leading zeros are kept, length and the
/// known-account callback decide what fits.</summary>
public sealed class AccountNumberChooser
{
    private readonly DecisionThresholds _thresholds;

    public AccountNumberChooser(DecisionThresholds? thresholds = null) => _thresholds = thresholds ?? DecisionThresholds.Default;

    public async ValueTask<SpeechDecision> ChooseAsync(
        IReadOnlyList<RecognitionAlternative> alternatives,
        SpeechLanguage language,
        AccountConstraints account,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        ArgumentNullException.ThrowIfNull(account);

        var candidates = new List<SpeechCandidate>(alternatives.Count);
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var alternative in alternatives)
        {
            var parse = NumberParser.Parse(alternative.Text, language);
            string? rejection = parse.Reason;
            if (parse.IsNumber)
            {
                rejection = await RejectAsync(parse.Digits!, account, known, cancellationToken).ConfigureAwait(false);
            }

            candidates.Add(new SpeechCandidate(alternative.Text, parse.Digits, alternative.Confidence, rejection));
        }

        return CandidateSelector.Select(candidates, digits => digits, _thresholds);
    }

    private static async ValueTask<string?> RejectAsync(
        string digits,
        AccountConstraints account,
        Dictionary<string, bool> known,
        CancellationToken cancellationToken)
    {
        if (digits.Length < account.MinLength || digits.Length > account.MaxLength)
        {
            return $"{digits.Length} digits, expected {account.MinLength} to {account.MaxLength}";
        }

        if (account.IsKnownAccount is null)
        {
            return null;
        }

        if (!known.TryGetValue(digits, out var isKnown))
        {
            isKnown = await account.IsKnownAccount(digits, cancellationToken).ConfigureAwait(false);
            known[digits] = isKnown;
        }

        return isKnown ? null : "no such account";
    }
}
