using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using IvrReadings.Speech.Vosk;
using IvrReadings.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Tests.Vosk;

/// <summary>Needs libvosk in the checkout's native/ (the test build fetches it); no model needed.</summary>
public sealed class VoskLibraryTests
{
    private static readonly string Library = Path.Combine(Checkout.NativeDirectory, "libvosk.so");

    [Fact]
    public void Libvosk_loads_from_the_configured_folder()
    {
        VoskLibrary.Configure(Checkout.NativeDirectory);

        Assert.True(VoskLibrary.TryEnsureLoaded(out var error), error);
        Assert.True(VoskLibrary.IsLoaded);
        Assert.Equal(Library, VoskLibrary.LibraryPath);
    }

    [Fact]
    public void The_checksum_is_the_one_the_fetch_script_checks()
    {
        var script = File.ReadAllText(Path.Combine(Checkout.Root, "scripts", "speech", "fetch-libvosk.sh"));

        Assert.Matches("^[0-9a-f]{64}$", VoskLibrary.ExpectedSha256);
        Assert.Contains("libvosk.sha256", script, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(Checkout.Root, "scripts", "speech", "libvosk.sha256")).Split(' ')[0], VoskLibrary.ExpectedSha256);
    }

    [Fact]
    public void A_library_with_another_checksum_is_refused()
    {
        using var dir = new TempDirectory();
        var copy = dir.File("libvosk.so");
        var bytes = File.ReadAllBytes(Library);
        bytes[^1] ^= 0xFF; // one byte changed: a different (or tampered) build
        File.WriteAllBytes(copy, bytes);

        var ex = Assert.Throws<SpeechEngineUnavailableException>(() => VoskLibrary.Load(copy));

        Assert.Contains(copy, ex.Message, StringComparison.Ordinal);
        Assert.Contains(VoskLibrary.ExpectedSha256, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_the_library_is_not_searched_beyond()
    {
        using var dir = new TempDirectory();

        // libvosk.so sits in the checkout's native/ and may already be loaded: the configured folder is still the only
        // place looked at.
        var ex = Assert.Throws<SpeechEngineUnavailableException>(() => VoskLibrary.Load(dir.File("libvosk.so")));

        Assert.Contains(dir.File("libvosk.so"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Speech:NativeLibraryDirectory", ex.Message, StringComparison.Ordinal);
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
        var options = Options.Create(new SpeechOptions { ModelNames = [], ModelPath = dir.File("missing"), NativeLibraryDirectory = Checkout.NativeDirectory });
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
        var options = Options.Create(new SpeechOptions { ModelNames = [], ModelPath = model, NativeLibraryDirectory = Checkout.NativeDirectory });
        using var recognizer = new VoskSpeechRecognizer(
            new IvrReadings.Speech.Models.SpeechModelLocator(options), options, NullLogger<VoskSpeechRecognizer>.Instance);

        var result = await recognizer.RecognizeAsync(
            Some.WavFile(dir, "a.wav"), RecognitionGrammar.Numbers(SpeechLanguage.Russian), CancellationToken.None);

        Assert.Equal(EngineStatus.Error, result.Status);
        Assert.Contains("could not load a model", result.Error, StringComparison.Ordinal);
        Assert.False(recognizer.TryPreload(SpeechLanguage.Russian));
    }
}
