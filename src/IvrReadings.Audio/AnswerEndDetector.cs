namespace IvrReadings.Audio;

/// <summary>Why an answer is over.</summary>
public enum AnswerEndReason
{
    /// <summary>Still going.</summary>
    None,

    /// <summary>The caller spoke, then stayed silent for the configured time.</summary>
    Silence,

    /// <summary>Nothing said within the time to start speaking.</summary>
    NoAnswer,

    /// <summary>The longest answer allowed.</summary>
    MaxLength,
}

/// <summary>
/// Decides when a spoken answer is over, on the server, from the audio as it arrives (the AudioSocket stream): voice is
/// 20 ms frames at or above a level (<see cref="VoiceActivity"/>); the answer ends after <c>silence</c> without voice once
/// the caller has spoken, or after <c>noAnswer</c> with no voice at all, or at <c>maxLength</c>.
/// Time is the audio's own clock, plus the wall clock only for as long as no frame has come: a line that sends frames
/// is timed by them (also when they arrive in a burst, or late: a loaded Asterisk or a jittery network that falls
/// seconds behind the wall clock does not cut a caller who is still speaking), a phone that suppresses silence and
/// stops sending frames is timed by the clock from its last frame, so silence ends an answer even when no frame
/// carries it (where Asterisk's own detection cannot).
/// </summary>
public sealed class AnswerEndDetector
{
    private readonly double _thresholdDbfs;
    private readonly TimeSpan _silence;
    private readonly TimeSpan _noAnswer;
    private readonly TimeSpan _maxLength;
    private readonly List<short> _samples = [];
    private TimeSpan _voiced;
    private TimeSpan _lastVoice;
    private TimeSpan _heard;
    private TimeSpan _heardAt;

    public AnswerEndDetector(TimeSpan silence, TimeSpan noAnswer, TimeSpan maxLength, double thresholdDbfs = VoiceActivity.DefaultThresholdDbfs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(silence, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(noAnswer, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxLength, TimeSpan.Zero);
        _silence = silence;
        _noAnswer = noAnswer;
        _maxLength = maxLength;
        _thresholdDbfs = thresholdDbfs;
    }

    public const int SampleRate = 8000;

    /// <summary>The audio received so far (8 kHz, 16-bit mono).</summary>
    public TimeSpan AudioTime => TimeSpan.FromSeconds((double)_samples.Count / SampleRate);

    /// <summary>At least <see cref="VoiceActivity.MinimumVoice"/> of frames at or above the level so far.</summary>
    public bool HasVoice => _voiced >= VoiceActivity.MinimumVoice;

    /// <summary>Adds received audio (any chunking; judged per 20 ms frame of the stream).</summary>
    public void Add(ReadOnlySpan<short> samples)
    {
        var frame = (int)(SampleRate * VoiceActivity.Frame.TotalSeconds);
        foreach (var sample in samples)
        {
            _samples.Add(sample);
            if (_samples.Count % frame == 0)
            {
                var last = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_samples)[^frame..];
                if (VoiceActivity.LevelDbfs(last) >= _thresholdDbfs)
                {
                    _voiced += VoiceActivity.Frame;
                    _lastVoice = AudioTime;
                }
            }
        }
    }

    /// <summary>
    /// Whether the answer is over, <paramref name="wallClock"/> after it started (asked every few tens of milliseconds:
    /// the audio received since the last check counts as having arrived now).
    /// </summary>
    public AnswerEndReason Check(TimeSpan wallClock)
    {
        if (AudioTime > _heard)
        {
            _heard = AudioTime;
            _heardAt = wallClock;
        }

        // Time with no frame coming: the wall clock since the last audio arrived (since the start when none has).
        var waited = wallClock - _heardAt;
        var now = waited > TimeSpan.Zero ? AudioTime + waited : AudioTime;
        if (now >= _maxLength)
        {
            return AnswerEndReason.MaxLength;
        }

        if (!HasVoice)
        {
            return now >= _noAnswer ? AnswerEndReason.NoAnswer : AnswerEndReason.None;
        }

        return now - _lastVoice >= _silence ? AnswerEndReason.Silence : AnswerEndReason.None;
    }

    /// <summary>
    /// The answer as received, up to where it ended for <paramref name="reason"/> (the silence after the last voice, the
    /// time to start speaking, the maximum): audio that arrived in a burst past that point is not part of it.
    /// </summary>
    public PcmAudio Audio(AnswerEndReason reason = AnswerEndReason.None)
    {
        var end = reason switch
        {
            AnswerEndReason.Silence => _lastVoice + _silence,
            AnswerEndReason.NoAnswer => _noAnswer,
            _ => _maxLength,
        };
        var count = (int)Math.Min(_samples.Count, Math.Min(end.TotalSeconds, _maxLength.TotalSeconds) * SampleRate);
        return new PcmAudio(SampleRate, [.. _samples.GetRange(0, count)]);
    }
}
