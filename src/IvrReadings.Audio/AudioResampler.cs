using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace IvrReadings.Audio;

/// <summary>
/// Sample-rate conversion with NAudio's WDL resampler (windowed-sinc with its low-pass filter), so that going down in
/// rate does not fold what lies above the new Nyquist frequency back into the speech band, as plain linear
/// interpolation does.
/// </summary>
public static class AudioResampler
{
    public static PcmAudio Resample(PcmAudio audio, int targetRate)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetRate, 1000);
        if (audio.SampleRate == targetRate)
        {
            return audio;
        }

        var length = (int)((long)audio.Samples.Length * targetRate / audio.SampleRate);
        var result = new short[length];
        if (length == 0)
        {
            return new PcmAudio(targetRate, result);
        }

        var resampler = new WdlResamplingSampleProvider(new SamplesProvider(audio), targetRate);
        var buffer = new float[4096];
        var written = 0;
        while (written < length)
        {
            var read = resampler.Read(buffer.AsSpan(0, Math.Min(buffer.Length, length - written)));
            if (read == 0)
            {
                break;
            }

            for (var i = 0; i < read; i++)
            {
                result[written + i] = ToPcm16(buffer[i]);
            }

            written += read;
        }

        // The filter's delay can leave the last few output samples unwritten: they stay silent, the length stays exact.
        return new PcmAudio(targetRate, result);
    }

    private static short ToPcm16(float sample) =>
        (short)Math.Clamp(MathF.Round(sample * 32768f), short.MinValue, short.MaxValue);

    /// <summary>Our samples as NAudio's float sample stream.</summary>
    private sealed class SamplesProvider(PcmAudio audio) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(audio.SampleRate, 1);

        public int Read(Span<float> buffer)
        {
            var count = Math.Min(buffer.Length, audio.Samples.Length - _position);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = audio.Samples[_position + i] / 32768f;
            }

            _position += count;
            return count;
        }
    }
}
