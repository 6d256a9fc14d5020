using IvrReadings.Speech.Audio;
using IvrReadings.Speech.Tests.Support;

namespace IvrReadings.Speech.Tests.Audio;

public sealed class LinearResamplerTests
{
    [Fact]
    public void Doubling_the_rate_interpolates_between_samples()
    {
        var result = LinearResampler.Resample(new PcmAudio(8000, [0, 100, 200]), 16000);

        Assert.Equal(16000, result.SampleRate);
        Assert.Equal(new short[] { 0, 50, 100, 150, 200, 200 }, result.Samples);
    }

    [Fact]
    public void Keeps_the_duration()
    {
        var result = LinearResampler.Resample(Some.Tone(2.0, 44100), 16000);

        Assert.Equal(2.0, result.Duration.TotalSeconds, 3);
    }

    [Fact]
    public void Same_rate_is_returned_as_is()
    {
        var audio = Some.Tone(0.1);

        Assert.Same(audio, LinearResampler.Resample(audio, 8000));
    }

    [Theory]
    [InlineData(8000, 8000)]
    [InlineData(16000, 16000)]
    [InlineData(11025, 16000)]
    [InlineData(44100, 16000)]
    public void Phone_and_model_rates_go_to_the_recognizer_unchanged(int rate, int expected) =>
        Assert.Equal(expected, AudioPreparation.ForRecognizer(Some.Tone(0.1, rate)).SampleRate);
}
