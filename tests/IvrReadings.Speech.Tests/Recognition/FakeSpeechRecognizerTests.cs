using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;

namespace IvrReadings.Speech.Tests.Recognition;

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
    public async Task Answers_from_a_sidecar_json_file()
    {
        using var dir = new TempDirectory();
        var wav = Some.WavFile(dir, "x.wav");
        await File.WriteAllTextAsync(dir.File("x.json"), FakeSpeechRecognizer.Json(("да", 0.9), ("нет", 0.1)));

        var result = await new FakeSpeechRecognizer().RecognizeAsync(wav, Numbers, CancellationToken.None);

        Assert.Equal(["да", "нет"], result.Alternatives.Select(a => a.Text));
    }

    [Fact]
    public async Task Without_a_canned_answer_it_is_an_error()
    {
        using var dir = new TempDirectory();

        var result = await new FakeSpeechRecognizer().RecognizeAsync(Some.WavFile(dir, "x.wav"), Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.Error, result.Status);
    }

    [Fact]
    public async Task A_broken_wav_is_an_error_as_with_the_real_engine()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("x.wav"), "not audio");
        var fake = new FakeSpeechRecognizer(new Dictionary<string, string> { ["x.wav"] = FakeSpeechRecognizer.Json("да") });

        var result = await fake.RecognizeAsync(dir.File("x.wav"), Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.Error, result.Status);
        Assert.Contains("RIFF", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Can_pretend_there_is_no_model()
    {
        var result = await new FakeSpeechRecognizer(simulateNoModel: true).RecognizeAsync("any.wav", Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.NoModel, result.Status);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FakeSpeechRecognizer().RecognizeAsync("a.wav", Numbers, cts.Token));
    }
}
