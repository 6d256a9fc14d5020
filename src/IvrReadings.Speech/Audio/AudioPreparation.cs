using IvrReadings.Audio;

namespace IvrReadings.Speech.Audio;

/// <summary>
/// Puts audio in a shape Vosk takes as is. 8 kHz phone audio is passed at 8 kHz: Vosk's
/// feature pipeline handles the model's own rate, and upsampling adds nothing that was not
/// recorded. Any other rate is resampled to 16 kHz, the rate of the small models.
/// </summary>
public static class AudioPreparation
{
    public const int ModelSampleRate = 16_000;
    public const int PhoneSampleRate = 8_000;

    public static PcmAudio ForRecognizer(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return audio.SampleRate is PhoneSampleRate or ModelSampleRate
            ? audio
            : AudioResampler.Resample(audio, ModelSampleRate);
    }
}
