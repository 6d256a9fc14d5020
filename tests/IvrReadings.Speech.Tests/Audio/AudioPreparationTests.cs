using IvrReadings.Speech.Audio;
using IvrReadings.Speech.Tests.Support;

namespace IvrReadings.Speech.Tests.Audio;

public sealed class AudioPreparationTests
{
    [Theory]
    [InlineData(8000, 8000)]
    [InlineData(16000, 16000)]
    [InlineData(11025, 16000)]
    [InlineData(44100, 16000)]
    public void Phone_and_model_rates_go_to_the_recognizer_unchanged(int rate, int expected) =>
        Assert.Equal(expected, AudioPreparation.ForRecognizer(Some.Tone(0.1, rate)).SampleRate);
}
