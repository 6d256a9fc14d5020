using IvrReadings.Speech.Decisions;
using IvrReadings.Speech.Numbers;
using IvrReadings.Speech.Recognition;
using IvrReadings.Speech.Tests.Support;
using Microsoft.Extensions.Options;
using IvrReadings.Testing;

namespace IvrReadings.Speech.Tests;

public sealed class SpeechRecognitionServiceTests : IDisposable
{
    private static readonly MeterConstraints Meter = new(6, previousReading: 6000);
    private readonly TempDirectory _dir = new();
    private readonly FakeSpeechRecognizer _fake = new();
    private readonly RecordedMeasurements _metrics = new();

    public void Dispose()
    {
        _metrics.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Reading_accepted_is_counted_as_accepted()
    {
        var wav = Wav("r.wav", FakeSpeechRecognizer.Json("шесть тысяч сто шестнадцать", 0.95));

        var outcome = await Service().RecognizeReadingAsync(wav, SpeechLanguage.Russian, Meter, CancellationToken.None);

        Assert.Equal(6116, Assert.IsType<SpeechDecision.Accepted>(outcome.Decision).Value);
        Assert.Equal(GrammarKind.Numbers, Assert.Single(_fake.Requests).Grammar.Kind);
        Assert.Contains(SpeechMetrics.Accepted, _metrics.Outcomes);
    }

    [Fact]
    public async Task Reading_in_doubt_is_counted_as_needs_review()
    {
        var wav = Wav("r.wav", FakeSpeechRecognizer.Json(("шесть тысяч сто шестнадцать", 0.5), ("шесть тысяч сто шестьдесят", 0.5)));

        var outcome = await Service().RecognizeReadingAsync(wav, SpeechLanguage.Russian, Meter, CancellationToken.None);

        Assert.IsType<SpeechDecision.NeedsReview>(outcome.Decision);
        Assert.Contains(SpeechMetrics.NeedsReview, _metrics.Outcomes);
        Assert.Contains("шестьдесят", outcome.Recognition.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_model_means_review_not_failure()
    {
        var service = new SpeechRecognitionService(new FakeSpeechRecognizer(simulateNoModel: true), Options.Create(new SpeechOptions()));

        var outcome = await service.RecognizeAccountAsync("a.wav", SpeechLanguage.Russian, AccountConstraints.Default, CancellationToken.None);

        Assert.Contains("speech model unavailable", Assert.IsType<SpeechDecision.NeedsReview>(outcome.Decision).Reason, StringComparison.Ordinal);
        Assert.Contains(SpeechMetrics.NoModel, _metrics.Outcomes);
    }

    [Fact]
    public async Task A_broken_recording_means_review_and_an_error_count()
    {
        await File.WriteAllTextAsync(_dir.File("bad.wav"), "garbage");

        var outcome = await Service().RecognizeReadingAsync(_dir.File("bad.wav"), SpeechLanguage.Russian, Meter, CancellationToken.None);

        Assert.Contains("recognition failed", Assert.IsType<SpeechDecision.NeedsReview>(outcome.Decision).Reason, StringComparison.Ordinal);
        Assert.Contains(SpeechMetrics.Error, _metrics.Outcomes);
    }

    [Fact]
    public async Task An_engine_that_throws_does_not_end_the_call()
    {
        var service = new SpeechRecognitionService(new ThrowingRecognizer(), Options.Create(new SpeechOptions()));

        var outcome = await service.RecognizeConfirmationAsync("a.wav", SpeechLanguage.Russian, CancellationToken.None);

        Assert.Equal(YesNoAnswer.Unclear, outcome.Answer.Answer);
        Assert.Equal(EngineStatus.Error, outcome.Recognition.Status);
    }

    [Fact]
    public async Task Hang_up_cancels()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Service().RecognizeReadingAsync(Wav("r.wav", "{}"), SpeechLanguage.Russian, Meter, cts.Token));
    }

    [Fact]
    public async Task Confirmation_uses_the_yes_no_grammar()
    {
        var wav = Wav("c.wav", FakeSpeechRecognizer.Json("ні", 0.9));

        var outcome = await Service().RecognizeConfirmationAsync(wav, SpeechLanguage.Ukrainian, CancellationToken.None);

        Assert.Equal(YesNoAnswer.No, outcome.Answer.Answer);
        Assert.Equal(RecognitionGrammar.YesNo(SpeechLanguage.Ukrainian), Assert.Single(_fake.Requests).Grammar);
    }

    [Fact]
    public async Task Account_uses_the_known_account_callback()
    {
        var wav = Wav("a.wav", FakeSpeechRecognizer.Json("ноль один два три четыре пять", 0.9));
        var account = new AccountConstraints(isKnownAccount: (a, _) => ValueTask.FromResult(a == "012345"));

        var outcome = await Service().RecognizeAccountAsync(wav, SpeechLanguage.Russian, account, CancellationToken.None);

        Assert.Equal("012345", Assert.IsType<SpeechDecision.Accepted>(outcome.Decision).Digits);
    }

    [Fact]
    public async Task Thresholds_come_from_options()
    {
        var wav = Wav("r.wav", FakeSpeechRecognizer.Json("шесть тысяч сто шестнадцать", 0.8));
        var service = new SpeechRecognitionService(_fake, Options.Create(new SpeechOptions { MinConfidence = 0.9 }));

        var outcome = await service.RecognizeReadingAsync(wav, SpeechLanguage.Russian, Meter, CancellationToken.None);

        Assert.IsType<SpeechDecision.NeedsReview>(outcome.Decision);
    }

    private SpeechRecognitionService Service() => new(_fake, Options.Create(new SpeechOptions()));

    private string Wav(string name, string json)
    {
        var path = Some.WavFile(_dir, name);
        _fake.Set(name, json);
        return path;
    }

    private sealed class ThrowingRecognizer : ISpeechRecognizer
    {
        public Task<RecognitionResult> RecognizeAsync(string wavPath, RecognitionGrammar grammar, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("engine exploded");
    }
}
