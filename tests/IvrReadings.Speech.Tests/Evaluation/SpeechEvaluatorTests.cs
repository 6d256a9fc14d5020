using IvrReadings.Audio;
using IvrReadings.Speech.Evaluation;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using IvrReadings.Testing;

namespace IvrReadings.Speech.Tests.Evaluation;

public sealed class SpeechEvaluatorTests
{
    [Fact]
    public async Task Counts_matches_reviews_and_wrong_acceptances()
    {
        using var dir = new TempDirectory();
        var fake = new FakeSpeechRecognizer();
        Add(dir, fake, "ok.wav", FakeSpeechRecognizer.Json("шесть тысяч сто шестнадцать", 0.95));
        Add(dir, fake, "doubt.wav", FakeSpeechRecognizer.Json(("сто", 0.5), ("двести", 0.5)));
        Add(dir, fake, "wrong.wav", FakeSpeechRecognizer.Json("сто один", 0.99));
        Add(dir, fake, "acct.wav", FakeSpeechRecognizer.Json("ноль один два три четыре пять", 0.9));
        Add(dir, fake, "yes.wav", FakeSpeechRecognizer.Json("так", 0.9));
        await File.WriteAllTextAsync(dir.File("labels.csv"), """
            file,expected,language,kind,condition
            ok.wav,6116,ru,reading,clean
            doubt.wav,100,ru,,clean
            wrong.wav,100,ru,reading,noisy
            acct.wav,012345,ru,account,noisy
            yes.wav,yes,uk,yesno,noisy
            missing.wav,5,ru
            """);

        var report = await SpeechEvaluator.RunAsync(dir.Path, fake);

        Assert.Equal(6, report.Total);
        Assert.Equal(3, report.Correct);
        Assert.Equal(1, report.WrongButAccepted);
        Assert.Equal(1, report.NeedsReview);
        Assert.Equal(1, report.Errors);
        Assert.False(report.Passed);
        Assert.Equal(0.5, report.ExactMatchRate, 6);
        Assert.Equal(TimeSpan.FromSeconds(5), report.AudioDuration);
        Assert.Equal(["all", "clean", "noisy"], report.ByCondition().Keys.Order(StringComparer.Ordinal));
        Assert.Contains("wrong-accepted=1", report.ToText(), StringComparison.Ordinal);
        Assert.Contains("FAIL", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_labels_file_is_a_clear_error()
    {
        using var dir = new TempDirectory();

        await Assert.ThrowsAsync<FileNotFoundException>(() => SpeechEvaluator.RunAsync(dir.Path, new TranscriptRecognizer()));
    }

    [Theory]
    [InlineData("a.wav,1")]
    [InlineData("a.wav,1,de")]
    [InlineData("a.wav,1,ru,meter")]
    public void Bad_label_rows_name_the_line(string row)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("labels.csv"), "file,expected,language\n" + row + "\n");

        var ex = Assert.Throws<FormatException>(() => EvaluationLabel.ReadCsv(dir.File("labels.csv")));

        Assert.Contains("labels.csv:2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_test_set_passes_with_perfect_transcripts()
    {
        if (!Tools.Has("espeak-ng") || !Tools.Has("sox"))
        {
            return; // Needs espeak-ng and sox; covered by the test above otherwise.
        }

        using var dir = new TempDirectory();
        var (exitCode, output) = Tools.Run("bash", Path.Combine(Tools.RepoRoot, "scripts", "speech", "testset.sh"), dir.Path, "--quick");
        Assert.True(exitCode == 0, output);

        var report = await SpeechEvaluator.RunAsync(dir.Path, new TranscriptRecognizer());

        Assert.Equal(6, report.Total);
        Assert.Equal(report.Total, report.Correct);
        Assert.True(report.Passed);
        foreach (var label in EvaluationLabel.ReadCsv(dir.File("labels.csv")))
        {
            Assert.Equal(8000, WavReader.Read(dir.File(label.File)).SampleRate);
        }
    }

    private static void Add(TempDirectory dir, FakeSpeechRecognizer fake, string name, string json)
    {
        Some.WavFile(dir, name);
        fake.Set(name, json);
    }
}
