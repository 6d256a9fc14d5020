using IvrReadings.Speech.Evaluation;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using IvrReadings.Testing;

namespace IvrReadings.Speech.Tests.Evaluation;

/// <summary><c>speech eval --transcripts</c>: the Vosk JSON saved beside each WAV stands in for the engine.</summary>
public sealed class TranscriptRecognizerTests
{
    private static readonly RecognitionGrammar Numbers = RecognitionGrammar.Numbers(SpeechLanguage.Russian);

    [Theory]
    [InlineData("x.json")]
    [InlineData("x.wav.json")]
    public async Task Answers_with_the_transcript_beside_the_wav(string transcript)
    {
        using var dir = new TempDirectory();
        var wav = Some.WavFile(dir, "x.wav", seconds: 2);
        await File.WriteAllTextAsync(dir.File(transcript), FakeSpeechRecognizer.Json(("да", 0.9), ("нет", 0.1)));

        var result = await new TranscriptRecognizer().RecognizeAsync(wav, Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.Ok, result.Status);
        Assert.Equal(["да", "нет"], result.Alternatives.Select(a => a.Text));
        Assert.Equal(TimeSpan.FromSeconds(2), result.AudioDuration);
    }

    [Fact]
    public async Task Without_a_transcript_it_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();

        var result = await new TranscriptRecognizer().RecognizeAsync(Some.WavFile(dir, "x.wav"), Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.Error, result.Status);
        Assert.Contains("x.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_wav_is_an_error_as_with_the_real_engine()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("x.wav"), "not audio");
        await File.WriteAllTextAsync(dir.File("x.json"), FakeSpeechRecognizer.Json("да"));

        var result = await new TranscriptRecognizer().RecognizeAsync(dir.File("x.wav"), Numbers, CancellationToken.None);

        Assert.Equal(EngineStatus.Error, result.Status);
        Assert.Contains("RIFF", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TranscriptRecognizer().RecognizeAsync("a.wav", Numbers, cts.Token));
    }
}
