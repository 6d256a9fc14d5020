namespace IvrReadings.Audio.Tests;

/// <summary>When an answer is over: decided on the server from the stream, on the audio's clock or the wall clock.</summary>
public sealed class AnswerEndDetectorTests
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NoAnswer = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(15);

    private static AnswerEndDetector Detector() => new(Silence, NoAnswer, Max);

    private static short[] Voice(double seconds) => Some.Tone(seconds, amplitude: 8000).Samples;

    private static short[] Quiet(double seconds) => new short[(int)(seconds * 8000)];

    [Fact]
    public void Speech_then_the_configured_silence_ends_the_answer_on_the_audios_clock()
    {
        var detector = Detector();
        detector.Add(Voice(1.5));
        detector.Add(Quiet(1.9));
        Assert.Equal(AnswerEndReason.None, detector.Check(TimeSpan.Zero));

        detector.Add(Quiet(0.1));
        Assert.Equal(AnswerEndReason.Silence, detector.Check(TimeSpan.Zero)); // frames that came in a burst count as time
        Assert.Equal(3.5, detector.Audio(AnswerEndReason.Silence).Duration.TotalSeconds, 2);
    }

    [Fact]
    public void A_pause_shorter_than_the_silence_does_not_end_it()
    {
        var detector = Detector();
        detector.Add(Voice(1));
        detector.Add(Quiet(1.5));
        detector.Add(Voice(1));
        detector.Add(Quiet(1.5));

        Assert.Equal(AnswerEndReason.None, detector.Check(TimeSpan.FromSeconds(5)));
        Assert.Equal(AnswerEndReason.Silence, detector.Check(TimeSpan.FromSeconds(5.5)));
    }

    [Fact]
    public void A_phone_that_sends_no_frames_after_speaking_is_timed_by_the_clock()
    {
        var detector = Detector();
        detector.Add(Voice(1));

        Assert.Equal(AnswerEndReason.None, detector.Check(TimeSpan.FromSeconds(1))); // the last frame came
        Assert.Equal(AnswerEndReason.None, detector.Check(TimeSpan.FromSeconds(2.9)));
        Assert.Equal(AnswerEndReason.Silence, detector.Check(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Frames_that_run_seconds_behind_the_clock_are_timed_by_themselves()
    {
        // A loaded Asterisk: its frames come every 20 ms but 2.5 s behind the wall clock (the stream started late and
        // never caught up). Before: the wall clock alone, 2 s past the first voiced frames, ended the answer as
        // silence after 0.1 s of voice (0.3 s recordings in a loaded clean-clone CI run).
        var detector = Detector();
        var audio = Voice(1.5).Concat(Quiet(2.5)).ToArray();
        var wall = TimeSpan.FromSeconds(2.5);
        var reason = AnswerEndReason.None;
        for (var offset = 0; offset < audio.Length && reason == AnswerEndReason.None; offset += 160)
        {
            detector.Add(audio.AsSpan(offset, 160));
            wall += TimeSpan.FromMilliseconds(20);
            reason = detector.Check(wall);
        }

        Assert.Equal(AnswerEndReason.Silence, reason);
        Assert.Equal(3.5, detector.Audio(reason).Duration.TotalSeconds, 2); // the whole answer and the silence after it

        // Then the frames stop (a phone that suppresses silence): the clock takes over from the last one.
        var stopped = Detector();
        stopped.Add(Voice(1));
        Assert.Equal(AnswerEndReason.None, stopped.Check(TimeSpan.FromSeconds(3.5)));
        Assert.Equal(AnswerEndReason.None, stopped.Check(TimeSpan.FromSeconds(5.4)));
        Assert.Equal(AnswerEndReason.Silence, stopped.Check(TimeSpan.FromSeconds(5.5)));
    }

    [Fact]
    public void No_frames_at_all_is_no_answer_after_the_time_to_start_speaking()
    {
        var detector = Detector();

        Assert.Equal(AnswerEndReason.None, detector.Check(TimeSpan.FromSeconds(4.9)));
        Assert.Equal(AnswerEndReason.NoAnswer, detector.Check(TimeSpan.FromSeconds(5)));
        Assert.Empty(detector.Audio(AnswerEndReason.NoAnswer).Samples);
    }

    [Fact]
    public void Silence_and_line_noise_are_no_answer_and_a_late_start_still_counts()
    {
        var quiet = Detector();
        quiet.Add(Some.Tone(6, amplitude: 100).Samples); // some 53 dB down
        Assert.Equal(AnswerEndReason.NoAnswer, quiet.Check(TimeSpan.Zero));
        Assert.Equal(5, quiet.Audio(AnswerEndReason.NoAnswer).Duration.TotalSeconds, 2);

        var late = Detector();
        late.Add(Quiet(4));
        late.Add(Voice(1));
        Assert.Equal(AnswerEndReason.None, late.Check(TimeSpan.FromSeconds(5.5))); // spoke within the 5 s
        Assert.True(late.HasVoice);
    }

    [Fact]
    public void An_answer_that_never_stops_ends_at_the_maximum()
    {
        var detector = Detector();
        detector.Add(Voice(16));

        Assert.Equal(AnswerEndReason.MaxLength, detector.Check(TimeSpan.Zero));
        Assert.Equal(15, detector.Audio(AnswerEndReason.MaxLength).Duration.TotalSeconds, 2);
    }

    [Fact]
    public void Audio_in_odd_chunks_is_judged_frame_by_frame()
    {
        var detector = Detector();
        var voice = Voice(1);
        for (var offset = 0; offset < voice.Length; offset += 37)
        {
            detector.Add(voice.AsSpan(offset, Math.Min(37, voice.Length - offset)));
        }

        detector.Add(Quiet(2));
        Assert.True(detector.HasVoice);
        Assert.Equal(AnswerEndReason.Silence, detector.Check(TimeSpan.Zero));
    }
}
