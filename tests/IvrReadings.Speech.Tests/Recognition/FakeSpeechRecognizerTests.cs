using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using IvrReadings.Testing;

namespace IvrReadings.Speech.Tests.Recognition;

/// <summary>The test tool the voice tests rely on: canned answers by file name, requests recorded, "no model".</summary>
public sealed class FakeSpeechRecognizerTests
{
    private static readonly RecognitionGrammar Numbers = RecognitionGrammar.Numbers(SpeechLanguage.Russian);

    [Fact]
    public async Task Answers_from_the_dictionary_by_file_name()
    {
        using var dir = new TempDirectory();
        var wav = Some.WavFile(dir, "reading.wav", seconds: 2);
        var fake = new FakeSpeechRecognizer(new Dictionary<string, string> { ["reading.wav"] = FakeSpeechRecognizer.Json("сто два") });

        var result = await fake.RecognizeAsync(wav, Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.Ok, result.Status);
        Assert.Equal("сто два", result.BestText);
        Assert.Equal(TimeSpan.FromSeconds(2), result.AudioDuration);
        Assert.Contains("сто два", result.RawJson, StringComparison.Ordinal);
        Assert.Equal(wav, Assert.Single(fake.Requests).WavPath);
    }

    [Fact]
    public async Task Can_pretend_there_is_no_model()
    {
        var result = await new FakeSpeechRecognizer(simulateNoModel: true).RecognizeAsync("any.wav", Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.NoModel, result.Status);
    }
}
