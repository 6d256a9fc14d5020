using IvrReadings.Domain;
using IvrReadings.Speech;
using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;

namespace IvrReadings.CallFlow.Voice;

/// <summary>What the recognizer made of a live answer, in the voice flow's terms (<see cref="Heard"/>).</summary>
internal sealed class VoiceRecognition(SpeechRecognitionService speech, Organisation organisation)
{
    public async Task<(Heard Heard, Speech.Recognition.RecognitionResult Engine)> RecognizeAsync(
        SpeechLanguage language, Listen listen, string file, CancellationToken ct)
    {
        var target = listen.Target;
        if (listen.Kind == ListenKind.YesNo)
        {
            var confirmation = await speech.RecognizeConfirmationAsync(file, language, ct).ConfigureAwait(false);
            var engine = confirmation.Recognition;
            var kind = engine.Status == EngineStatus.NoModel ? HeardKind.Unavailable
                : engine.Status == EngineStatus.Ok && engine.BestText.Length == 0 ? HeardKind.Nothing
                : confirmation.Answer.Answer switch { YesNoAnswer.Yes => HeardKind.Yes, YesNoAnswer.No => HeardKind.No, _ => HeardKind.Unclear };
            return (new Heard(0, kind), engine);
        }

        var minDigits = Math.Clamp(organisation.AccountDigitsMin, 1, 18);
        var outcome = listen.Kind == ListenKind.Account
            ? await speech.RecognizeAccountAsync(file, language, new AccountConstraints(minDigits, Math.Clamp(organisation.AccountDigitsMax, minDigits, 18)), ct)
                .ConfigureAwait(false)
            : await speech.RecognizeReadingAsync(file, language, new MeterConstraints(Math.Clamp(target.Capacity, 1, 18), target.Previous, target.MaxPlausible), ct)
                .ConfigureAwait(false);
        var recognition = outcome.Recognition;
        var heard = recognition.Status switch
        {
            EngineStatus.NoModel => new Heard(0, HeardKind.Unavailable),
            EngineStatus.Error => new Heard(0, HeardKind.Unsure), // this recording is broken; the next one may not be
            _ when outcome.Decision is SpeechDecision.Accepted accepted => new Heard(0, HeardKind.Figure, accepted.Digits),
            _ when recognition.BestText.Length == 0 => new Heard(0, HeardKind.Nothing),
            // Not sure: the best fitting figure goes along, only ever as a guess for staff.
            _ when outcome.Decision is SpeechDecision.NeedsReview review =>
                new Heard(0, HeardKind.Unsure, review.Candidates.FirstOrDefault(c => c.Digits is not null && c.Rejection is null)?.Digits),
            _ => new Heard(0, HeardKind.Unsure),
        };
        return (heard, recognition);
    }
}
