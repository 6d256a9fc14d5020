namespace IvrReadings.Audio.Tests;

public sealed class AudioResamplerTests
{
    [Fact]
    public void Keeps_the_duration()
    {
        var result = AudioResampler.Resample(Some.Tone(2.0, 44100), 16000);

        Assert.Equal(16000, result.SampleRate);
        Assert.Equal(2.0, result.Duration.TotalSeconds, 3);
    }

    [Fact]
    public void Same_rate_is_returned_as_is()
    {
        var audio = Some.Tone(0.1);

        Assert.Same(audio, AudioResampler.Resample(audio, 8000));
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(44100, 16000)]
    [InlineData(11025, 16000)]
    [InlineData(48000, 8000)]
    public void A_tone_in_band_keeps_its_loudness(int from, int to)
    {
        var tone = Some.Tone(1.0, from, frequency: 1000);

        var result = AudioResampler.Resample(tone, to);

        // Within 0.5 dB: speech comes out as loud as it went in.
        var ratio = Some.Rms(result, skip: to / 20) / Some.Rms(tone, skip: from / 20);
        Assert.InRange(ratio, 0.94, 1.06);
    }

    [Fact]
    public void A_tone_above_the_new_nyquist_is_filtered_out_not_folded_into_the_speech_band()
    {
        // 6 kHz at 44.1 kHz, taken down to 8 kHz (Nyquist 4 kHz): linear interpolation folds it back as a 2 kHz
        // whistle at nearly full loudness; an anti-alias filter removes it.
        var tone = Some.Tone(1.0, 44100, frequency: 6000);

        var result = AudioResampler.Resample(tone, 8000);

        var ratio = Some.Rms(result, skip: 400) / Some.Rms(tone, skip: 2205);
        Assert.True(ratio < 0.05, $"the out-of-band tone kept {ratio:P1} of its level (more than -26 dB)");
    }

    [Fact]
    public void Empty_audio_stays_empty_at_the_new_rate()
    {
        var result = AudioResampler.Resample(new PcmAudio(44100, []), 16000);

        Assert.Equal(16000, result.SampleRate);
        Assert.Empty(result.Samples);
    }

    [Fact]
    public void Full_scale_audio_does_not_wrap_around()
    {
        var square = new short[4410];
        for (var i = 0; i < square.Length; i++)
        {
            square[i] = (i / 50 % 2 == 0) ? short.MaxValue : short.MinValue;
        }

        var result = AudioResampler.Resample(new PcmAudio(44100, square), 16000);

        // The filter's overshoot past full scale is clipped, never wrapped to the opposite sign: away from the edges
        // of the square wave every output sample has the sign of the input there.
        for (var i = 50; i < result.Samples.Length - 50; i++)
        {
            var input = (int)((long)i * 44100 / 16000);
            var phase = input % 50;
            if (phase is >= 12 and < 38)
            {
                Assert.Equal(Math.Sign(square[input]), Math.Sign(result.Samples[i]));
            }
        }
    }
}
