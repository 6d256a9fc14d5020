using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using IvrReadings.Speech.Vosk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Tests.Vosk;

/// <summary>Needs libvosk in native/ (the test build fetches it); no model needed.</summary>
public sealed class VoskLibraryTests
{
    [Fact]
    public void Libvosk_loads_from_the_repository_native_folder()
    {
        VoskLibrary.EnsureLoaded();

        Assert.True(VoskLibrary.IsLoaded);
        Assert.Contains(VoskLibrary.CandidatePaths(), p => p.EndsWith(Path.Combine("native", "libvosk.so"), StringComparison.Ordinal));
    }

    [Fact]
    public void Health_check_form_reports_instead_of_throwing()
    {
        Assert.True(VoskLibrary.TryEnsureLoaded(out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_missing_model_path_is_a_clear_error_not_a_crash()
    {
        var ex = Assert.Throws<SpeechEngineUnavailableException>(() => VoskModel.Load("/nonexistent/vosk-model"));

        Assert.Contains("/nonexistent/vosk-model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_model_directory_is_a_clear_error()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<SpeechEngineUnavailableException>(() => VoskModel.Load(dir.Path));

        Assert.Contains("could not load a model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_the_recognizer_says_no_model()
    {
        using var dir = new TempDirectory();
        var options = Options.Create(new SpeechOptions { ModelNames = [], ModelPath = dir.File("missing") });
        using var recognizer = new VoskSpeechRecognizer(
            new IvrReadings.Speech.Models.SpeechModelLocator(options), options, NullLogger<VoskSpeechRecognizer>.Instance);

        var result = await recognizer.RecognizeAsync(
            Some.WavFile(dir, "a.wav"), RecognitionGrammar.Numbers(SpeechLanguage.Russian), CancellationToken.None);

        Assert.Equal(EngineStatus.NoModel, result.Status);
        Assert.Contains("missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_model_is_an_error_result_not_a_crash()
    {
        using var dir = new TempDirectory();
        var model = dir.File("broken-model");
        Directory.CreateDirectory(Path.Combine(model, "am"));
        Directory.CreateDirectory(Path.Combine(model, "conf"));
        File.WriteAllText(Path.Combine(model, "am", "final.mdl"), "not a model");
        File.WriteAllText(Path.Combine(model, "conf", "model.conf"), "");
        var options = Options.Create(new SpeechOptions { ModelNames = [], ModelPath = model });
        using var recognizer = new VoskSpeechRecognizer(
            new IvrReadings.Speech.Models.SpeechModelLocator(options), options, NullLogger<VoskSpeechRecognizer>.Instance);

        var result = await recognizer.RecognizeAsync(
            Some.WavFile(dir, "a.wav"), RecognitionGrammar.Numbers(SpeechLanguage.Russian), CancellationToken.None);

        Assert.Equal(EngineStatus.Error, result.Status);
        Assert.Contains("could not load a model", result.Error, StringComparison.Ordinal);
        Assert.False(recognizer.TryPreload(SpeechLanguage.Russian));
    }
}
