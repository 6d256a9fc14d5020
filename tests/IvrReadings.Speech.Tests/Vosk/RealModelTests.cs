using IvrReadings.Audio;
using IvrReadings.Speech.Evaluation;
using IvrReadings.Speech.Models;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrReadings.Speech.Tests.Vosk;

/// <summary>Runs only where vosk-model-small-ru-0.22 is present (skipped otherwise).</summary>
public sealed class RealModelTests
{
    [ModelFact]
    public async Task Silence_gives_no_words_and_a_tone_does_not_crash()
    {
        using var dir = new TempDirectory();
        WavWriter.Write(dir.File("silence.wav"), new PcmAudio(8000, new short[8000]));
        using var recognizer = new VoskSpeechRecognizer(new SpeechModelLocator(RealModel.Options), RealModel.Options, NullLogger<VoskSpeechRecognizer>.Instance);

        var silence = await recognizer.RecognizeAsync(dir.File("silence.wav"), RecognitionGrammar.Numbers(SpeechLanguage.Russian), CancellationToken.None);
        var tone = await recognizer.RecognizeAsync(Some.WavFile(dir, "tone.wav"), RecognitionGrammar.YesNo(SpeechLanguage.Russian), CancellationToken.None);

        Assert.Equal(EngineStatus.Ok, silence.Status);
        Assert.Equal("", silence.BestText);
        Assert.Equal(EngineStatus.Ok, tone.Status);
    }

    [ModelFact]
    public async Task Recognizes_espeak_speech_when_espeak_is_installed()
    {
        using var dir = new TempDirectory();
        if (!Tools.TrySpeak("шесть тысяч сто шестнадцать", "ru", dir.File("r.wav")))
        {
            return;
        }

        using var recognizer = new VoskSpeechRecognizer(new SpeechModelLocator(RealModel.Options), RealModel.Options, NullLogger<VoskSpeechRecognizer>.Instance);
        var result = await recognizer.RecognizeAsync(dir.File("r.wav"), RecognitionGrammar.Numbers(SpeechLanguage.Russian), CancellationToken.None);

        Assert.Equal(EngineStatus.Ok, result.Status);
        Assert.NotEmpty(result.Alternatives);
    }

    [ModelFact]
    public async Task The_generated_set_has_no_wrong_acceptances()
    {
        if (!Tools.Has("espeak-ng") || !Tools.Has("sox"))
        {
            return;
        }

        using var dir = new TempDirectory();
        var (exitCode, output) = Tools.Run("bash", Path.Combine(Tools.RepoRoot, "scripts", "speech", "testset.sh"), dir.Path, "--quick");
        Assert.True(exitCode == 0, output);
        using var recognizer = new VoskSpeechRecognizer(new SpeechModelLocator(RealModel.Options), RealModel.Options, NullLogger<VoskSpeechRecognizer>.Instance);

        var report = await SpeechEvaluator.RunAsync(dir.Path, recognizer);

        Assert.True(report.Passed, report.ToText());
    }
}
