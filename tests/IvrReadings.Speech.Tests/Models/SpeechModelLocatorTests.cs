using IvrReadings.Speech.Models;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Tests.Support;
using Microsoft.Extensions.Options;

namespace IvrReadings.Speech.Tests.Models;

public sealed class SpeechModelLocatorTests
{
    [Fact]
    public void Finds_the_configured_model_path()
    {
        using var dir = new TempDirectory();
        var model = FakeModel(dir, "my-model");

        var status = Locator(new SpeechOptions { ModelPath = model }).Locate(SpeechLanguage.Russian);

        Assert.True(status.ModelAvailable);
        Assert.Equal(model, status.ModelPath);
    }

    [Fact]
    public void A_per_language_path_wins()
    {
        using var dir = new TempDirectory();
        var uk = FakeModel(dir, "uk-model");
        var options = new SpeechOptions { ModelPaths = new() { ["uk"] = uk } };

        var status = Locator(options).Locate(SpeechLanguage.Ukrainian);

        Assert.True(status.ModelAvailable);
        Assert.Equal(uk, status.ModelPath);
    }

    [Fact]
    public void A_half_unpacked_directory_is_not_a_model()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("partial/am"));

        var status = Locator(new SpeechOptions { ModelPath = dir.File("partial"), ModelNames = [] }).Locate(SpeechLanguage.Russian);

        Assert.False(status.ModelAvailable);
        Assert.Contains(dir.File("partial"), status.Reason, StringComparison.Ordinal);
        Assert.Contains("model.sh ru", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ukrainian_has_no_default_model_and_says_how_to_add_one()
    {
        var status = Locator(new SpeechOptions()).Locate(SpeechLanguage.Ukrainian);

        Assert.False(status.ModelAvailable);
        Assert.Contains("Speech:ModelPaths:uk", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Searches_by_name_only_under_models_in_the_working_directory()
    {
        var candidates = Locator(new SpeechOptions()).CandidateDirectories(SpeechLanguage.Russian);

        // Nothing found by walking up from the binary or the working directory: the checkout's own models/ is not
        // looked at unless the server runs there.
        Assert.Equal([Path.GetFullPath(Path.Combine("models", "vosk-model-small-ru-0.22"))], candidates);
    }

    [Fact]
    public void Reports_every_language() =>
        Assert.Equal(["ru", "uk", "en"], Locator(new SpeechOptions()).LocateAll().Select(s => s.Language.Code()));

    [Fact]
    public void English_has_its_own_model_name()
    {
        var locator = Locator(new SpeechOptions());

        Assert.Equal("vosk-model-small-en-us-0.15", locator.ModelName(SpeechLanguage.English));
        Assert.All(locator.CandidateDirectories(SpeechLanguage.English), d => Assert.EndsWith("vosk-model-small-en-us-0.15", d, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SpeechLanguage.English)]
    [InlineData(SpeechLanguage.Ukrainian)]
    public void A_language_without_its_model_never_gets_another_languages_model(SpeechLanguage language)
    {
        using var dir = new TempDirectory();
        var russian = FakeModel(dir, "ru-model");
        var options = new SpeechOptions { ModelPath = russian, ModelPaths = new() { ["ru"] = russian }, ModelNames = new() { ["ru"] = "ru-model" } };

        var status = Locator(options).Locate(language);

        Assert.False(status.ModelAvailable);
        Assert.Null(status.ModelPath);
        Assert.Contains($"'{language.Code()}'", status.Reason, StringComparison.Ordinal);
        Assert.True(Locator(options).Locate(SpeechLanguage.Russian).ModelAvailable);
    }

    private static SpeechModelLocator Locator(SpeechOptions options) => new(Options.Create(options));

    private static string FakeModel(TempDirectory dir, string name)
    {
        var root = dir.File(name);
        Directory.CreateDirectory(Path.Combine(root, "am"));
        Directory.CreateDirectory(Path.Combine(root, "conf"));
        File.WriteAllText(Path.Combine(root, "am", "final.mdl"), "");
        File.WriteAllText(Path.Combine(root, "conf", "model.conf"), "");
        return root;
    }
}
