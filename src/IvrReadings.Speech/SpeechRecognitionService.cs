using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech;

/// <summary>
/// The voice flow's one entry point: recording in, decision out. Never throws for a bad
/// recording, a missing model or an engine failure: those become NeedsReview with the reason,
/// so a caller is never stuck. Only cancellation (the caller hung up) propagates.
/// Every recognition passes the <see cref="RecognitionGate"/>: a caller on the line never waits
/// behind the background queue (<see cref="RecognizeForStaffAsync"/>).
/// </summary>
public sealed class SpeechRecognitionService
{
    private readonly ISpeechRecognizer _recognizer;
    private readonly ILogger<SpeechRecognitionService> _logger;
    private readonly ReadingChooser _readings;
    private readonly AccountNumberChooser _accounts;
    private readonly ConfirmationChooser _confirmations;
    private readonly RecognitionGate _gate;

    public SpeechRecognitionService(
        ISpeechRecognizer recognizer,
        IOptions<SpeechOptions> options,
        ILogger<SpeechRecognitionService>? logger = null,
        RecognitionGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(options);
        _recognizer = recognizer;
        _logger = logger ?? NullLogger<SpeechRecognitionService>.Instance;
        _gate = gate ?? new RecognitionGate(options.Value.EffectiveConcurrency);
        var thresholds = new DecisionThresholds(options.Value.MinConfidence, options.Value.CompetitorFloor);
        _readings = new ReadingChooser(thresholds);
        _accounts = new AccountNumberChooser(thresholds);
        _confirmations = new ConfirmationChooser(thresholds);
    }

    public async Task<SpeechOutcome> RecognizeReadingAsync(
        string wavPath,
        SpeechLanguage language,
        MeterConstraints meter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var recognition = await RecognizeAsync(wavPath, RecognitionGrammar.Numbers(language), RecognitionPriority.Live, cancellationToken).ConfigureAwait(false);
        var decision = recognition.Status == EngineStatus.Ok
            ? _readings.Choose(recognition.Alternatives, language, meter)
            : Unavailable(recognition);
        return Finish("reading", wavPath, decision, recognition);
    }

    public async Task<SpeechOutcome> RecognizeAccountAsync(
        string wavPath,
        SpeechLanguage language,
        AccountConstraints account,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var recognition = await RecognizeAsync(wavPath, RecognitionGrammar.Numbers(language), RecognitionPriority.Live, cancellationToken).ConfigureAwait(false);
        var decision = recognition.Status == EngineStatus.Ok
            ? await _accounts.ChooseAsync(recognition.Alternatives, language, account, cancellationToken).ConfigureAwait(false)
            : Unavailable(recognition);
        return Finish("account", wavPath, decision, recognition);
    }

    public async Task<ConfirmationOutcome> RecognizeConfirmationAsync(
        string wavPath,
        SpeechLanguage language,
        CancellationToken cancellationToken)
    {
        var recognition = await RecognizeAsync(wavPath, RecognitionGrammar.YesNo(language), RecognitionPriority.Live, cancellationToken).ConfigureAwait(false);
        var answer = recognition.Status == EngineStatus.Ok
            ? _confirmations.Choose(recognition.Alternatives, language)
            : YesNoParse.Unclear(recognition.Error ?? recognition.Status.ToString());
        SpeechMetrics.RecordRecognition(OutcomeTag(recognition, answer.Answer != YesNoAnswer.Unclear));
        _logger.LogInformation(
            "Speech confirmation {WavPath}: {Answer} {Reason} heard {Text}",
            wavPath,
            answer.Answer,
            answer.Reason,
            recognition.BestText);
        return new ConfirmationOutcome(answer, recognition);
    }

    /// <summary>
    /// The words of a recording whose caller is gone (the background queue): only when no caller on the line needs the
    /// slot. Never throws for a bad recording or a missing model; cancellation propagates.
    /// </summary>
    public Task<RecognitionResult> RecognizeForStaffAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        return RecognizeAsync(wavPath, grammar, RecognitionPriority.Background, cancellationToken);
    }

    private async Task<RecognitionResult> RecognizeAsync(
        string wavPath,
        RecognitionGrammar grammar,
        RecognitionPriority priority,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        try
        {
            using var slot = await _gate.EnterAsync(priority, cancellationToken).ConfigureAwait(false);
            return await _recognizer.RecognizeAsync(wavPath, grammar, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // An engine bug must not end the call: the recording still reaches staff.
            _logger.LogError(ex, "Speech recognition failed for {WavPath}", wavPath);
            return RecognitionResult.Failed(ex.Message);
        }
    }

    private SpeechOutcome Finish(string kind, string wavPath, SpeechDecision decision, RecognitionResult recognition)
    {
        SpeechMetrics.RecordRecognition(OutcomeTag(recognition, decision is SpeechDecision.Accepted));
        switch (decision)
        {
            case SpeechDecision.Accepted accepted:
                _logger.LogInformation(
                    "Speech {Kind} {WavPath}: accepted {Digits} at {Confidence:0.00}",
                    kind,
                    wavPath,
                    accepted.Digits,
                    accepted.Confidence);
                break;
            case SpeechDecision.NeedsReview review:
                _logger.LogInformation(
                    "Speech {Kind} {WavPath}: needs review, {Reason}; heard {Text}",
                    kind,
                    wavPath,
                    review.Reason,
                    recognition.BestText);
                break;
        }

        return new SpeechOutcome(decision, recognition);
    }

    private static SpeechDecision.NeedsReview Unavailable(RecognitionResult recognition) =>
        new SpeechDecision.NeedsReview(
            recognition.Status == EngineStatus.NoModel
                ? $"speech model unavailable: {recognition.Error}"
                : $"recognition failed: {recognition.Error}",
            []);

    private static string OutcomeTag(RecognitionResult recognition, bool accepted) => recognition.Status switch
    {
        EngineStatus.NoModel => SpeechMetrics.NoModel,
        EngineStatus.Error => SpeechMetrics.Error,
        _ => accepted ? SpeechMetrics.Accepted : SpeechMetrics.NeedsReview,
    };
}
