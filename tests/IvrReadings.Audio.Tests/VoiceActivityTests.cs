namespace IvrReadings.Audio.Tests;

/// <summary>What counts as an answer: 0.1 s or more of frames at or above the level; less, or nothing, is no answer.</summary>
public sealed class VoiceActivityTests
{
    [Fact]
    public void An_empty_recording_has_no_voice()
    {
        var empty = new PcmAudio(8000, []);

        Assert.False(VoiceActivity.HasVoice(empty));
        Assert.Equal(TimeSpan.Zero, VoiceActivity.Voiced(empty));
        Assert.Equal(double.NegativeInfinity, VoiceActivity.LevelDbfs([]));
    }

    [Fact]
    public void Digital_silence_has_no_voice() => Assert.False(VoiceActivity.HasVoice(new PcmAudio(8000, new short[16000])));

    [Fact]
    public void Line_noise_some_fifty_db_down_has_no_voice()
    {
        var hum = Some.Tone(2, amplitude: 100);

        Assert.InRange(VoiceActivity.LevelDbfs(hum.Samples), -56, -50);
        Assert.False(VoiceActivity.HasVoice(hum));
    }

    [Fact]
    public void Speech_level_audio_is_voice()
    {
        var voice = Some.Tone(0.5, amplitude: 8000);

        Assert.InRange(VoiceActivity.LevelDbfs(voice.Samples), -16, -14);
        Assert.True(VoiceActivity.HasVoice(voice));
        Assert.Equal(0.5, VoiceActivity.Voiced(voice).TotalSeconds, 2);
    }

    [Fact]
    public void A_click_shorter_than_a_tenth_of_a_second_is_no_answer()
    {
        var samples = new short[16000];
        Some.Tone(0.06, amplitude: 20000).Samples.CopyTo(samples, 4000);

        Assert.False(VoiceActivity.HasVoice(new PcmAudio(8000, samples)));
    }

    [Fact]
    public void Voice_in_the_middle_of_silence_counts_only_its_frames()
    {
        var samples = new short[24000];
        Some.Tone(0.4, amplitude: 8000).Samples.CopyTo(samples, 8000);

        Assert.Equal(0.4, VoiceActivity.Voiced(new PcmAudio(8000, samples)).TotalSeconds, 2);
    }

    [Fact]
    public void The_threshold_is_the_callers_setting()
    {
        var quiet = Some.Tone(1, amplitude: 300); // about -43 dBFS

        Assert.False(VoiceActivity.HasVoice(quiet, thresholdDbfs: -42));
        Assert.True(VoiceActivity.HasVoice(quiet, thresholdDbfs: -50));
    }
}
