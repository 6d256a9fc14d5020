using System.Diagnostics;
using System.Globalization;
using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Evaluation;

/// <summary>
/// Runs labelled recordings through the same path as a call (recognizer, parser, chooser) and
/// counts exact matches, reviews and, above all, wrong figures that would have been accepted.
/// Backs <c>ivr-readings speech eval DIR</c>.
/// </summary>
public static class SpeechEvaluator
{
    public static async Task<EvaluationReport> RunAsync(
        string directory,
        ISpeechRecognizer recognizer,
        EvaluationOptions? options = null,
        IProgress<EvaluationItem>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(recognizer);
        options ??= new EvaluationOptions();

        var labelsPath = Path.Combine(directory, options.LabelsFile);
        if (!File.Exists(labelsPath))
        {
            throw new FileNotFoundException($"No {options.LabelsFile} in {directory}", labelsPath);
        }

        var service = new SpeechRecognitionService(recognizer, Options.Create(options.Speech));
        var meter = new MeterConstraints(options.DigitCapacity);
        var items = new List<EvaluationItem>();
        foreach (var label in EvaluationLabel.ReadCsv(labelsPath))
        {
            var item = await EvaluateAsync(service, Path.Combine(directory, label.File), label, meter, cancellationToken).ConfigureAwait(false);
            items.Add(item);
            progress?.Report(item);
        }

        return new EvaluationReport(items);
    }

    private static async Task<EvaluationItem> EvaluateAsync(
        SpeechRecognitionService service,
        string wavPath,
        EvaluationLabel label,
        MeterConstraints meter,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (label.Kind == EvaluationKind.YesNo)
        {
            var confirmation = await service.RecognizeConfirmationAsync(wavPath, label.Language, cancellationToken).ConfigureAwait(false);
            var recognition = confirmation.Recognition;
            var answer = confirmation.Answer.Answer;
            var outcome = recognition.Status != EngineStatus.Ok ? EvaluationOutcome.Error
                : answer == YesNoAnswer.Unclear ? EvaluationOutcome.NeedsReview
                : string.Equals(answer.ToString(), label.Expected, StringComparison.OrdinalIgnoreCase) ? EvaluationOutcome.Correct
                : EvaluationOutcome.WrongButAccepted;
            return new EvaluationItem(label, outcome, answer.ToString().ToLowerInvariant(), confirmation.Answer.Reason, recognition.BestText, recognition.AudioDuration, stopwatch.Elapsed);
        }

        var result = label.Kind == EvaluationKind.Account
            ? await service.RecognizeAccountAsync(wavPath, label.Language, AccountConstraints.Default, cancellationToken).ConfigureAwait(false)
            : await service.RecognizeReadingAsync(wavPath, label.Language, meter, cancellationToken).ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        var heard = result.Recognition.BestText;
        var duration = result.Recognition.AudioDuration;

        return result.Decision switch
        {
            _ when result.Recognition.Status != EngineStatus.Ok =>
                new EvaluationItem(label, EvaluationOutcome.Error, null, result.Recognition.Error, heard, duration, elapsed),
            SpeechDecision.Accepted accepted =>
                new EvaluationItem(label, Matches(label, accepted) ? EvaluationOutcome.Correct : EvaluationOutcome.WrongButAccepted, accepted.Digits, null, heard, duration, elapsed),
            SpeechDecision.NeedsReview review =>
                new EvaluationItem(label, EvaluationOutcome.NeedsReview, null, review.Reason, heard, duration, elapsed),
            _ => throw new InvalidOperationException("unknown decision"),
        };
    }

    // Accounts keep their leading zeros; a meter value does not.
    private static bool Matches(EvaluationLabel label, SpeechDecision.Accepted accepted) =>
        label.Kind == EvaluationKind.Account
            ? accepted.Digits == label.Expected
            : long.TryParse(label.Expected, NumberStyles.None, CultureInfo.InvariantCulture, out var expected) && expected == accepted.Value;
}
