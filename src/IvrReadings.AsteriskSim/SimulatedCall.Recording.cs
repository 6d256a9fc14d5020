namespace IvrReadings.AsteriskSim;

/// <summary>RECORD FILE: the caller's speech (or silence, or nothing at all) written where Asterisk would write it.</summary>
public sealed partial class SimulatedCall
{
    private async Task<string?> RecordFileAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 4 || !int.TryParse(arguments[3], out var maxMs))
        {
            return null;
        }

        var (path, format, escape) = (arguments[0], arguments[1], arguments[2]);
        int? silence = null;
        var beep = false;
        for (var i = 4; i < arguments.Count; i++)
        {
            if (arguments[i].StartsWith("s=", StringComparison.Ordinal) && int.TryParse(arguments[i][2..], out var s))
            {
                silence = s;
            }
            else if (!(i == 4 && long.TryParse(arguments[i], out _)))
            {
                beep = true; // any other 7th/8th token plays a beep
            }
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(_options.SoundsDirectory, path);
        var target = $"{full}.{format}";
        var directory = Path.GetDirectoryName(target);
        if (format is not ("wav" or "gsm" or "sln" or "ulaw" or "alaw" or "g722") || directory is null || !Directory.Exists(directory))
        {
            return "200 result=-1 (writefile)";
        }

        if (beep)
        {
            await PlayAsync("beep", TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }

        byte[] audio = [];
        var noFrames = false;
        if (_typeAhead.Length == 0 && _actions.TryPeek(out var head))
        {
            if (head is CallerAction.Say say)
            {
                _actions.TryDequeue(out _);
                audio = say.Pcm();
                Note($"caller speaks {audio.Length / 2 / SamplesPerMs} ms");
            }
            else if (head is CallerAction.StaySilent)
            {
                _actions.TryDequeue(out _);
                Note("caller stays silent");
            }
            else if (head is CallerAction.SendNoAudio)
            {
                _actions.TryDequeue(out _);
                noFrames = true;
                Note("caller's phone sends no audio frames");
            }
        }

        var maxSamples = maxMs > 0 ? (long)maxMs * SamplesPerMs : long.MaxValue;
        var spoken = Math.Min(audio.Length / 2, maxSamples);
        string reply;
        long fileSamples;
        if (TakeHangupDuring() || (_actions.TryPeek(out var next) && next is CallerAction.HangUp && _actions.TryDequeue(out _) && TakeHangupFromAction()))
        {
            fileSamples = spoken;
            reply = $"200 result=-1 (hangup) endpos={Int(spoken)}";
        }
        else if (await TakeEscapeDigitAsync(escape, canTimeOut: false).ConfigureAwait(false) is { } digit)
        {
            fileSamples = spoken;
            reply = $"200 result={(int)digit} (dtmf) endpos={Int(spoken)}";
        }
        else if (noFrames)
        {
            // No frames: nothing to detect silence in, nothing written; the recording lasts its maximum, and the result is
            // 0, what Asterisk's last wait for a frame returned when none came.
            fileSamples = 0;
            reply = "200 result=0 (timeout) endpos=0";
            await SleepAsync(TimeSpan.FromMilliseconds(maxMs)).ConfigureAwait(false);
        }
        else if (silence is { } quiet && spoken + ((long)quiet * WavFileRate) <= maxSamples)
        {
            // Silence detection ends it; the file keeps 1 s of the trailing silence. The result is the time Asterisk had left
            // to wait, as the captured transcripts show ("result=1980 (timeout)" a second into a 3 s recording).
            fileSamples = spoken + WavFileRate;
            var left = maxMs > 0 ? Math.Max(1, maxMs - (spoken / SamplesPerMs) - ((long)quiet * 1000)) : 1;
            reply = $"200 result={Int(left)} (timeout) endpos={Int(spoken + ((long)quiet * WavFileRate))}";
        }
        else
        {
            // The limit passed with frames still coming: the last one a moment before it (result 1, as transcribed).
            fileSamples = maxSamples == long.MaxValue ? spoken : maxSamples;
            reply = $"200 result=1 (timeout) endpos={Int(fileSamples)}";
        }

        var pcm = new byte[fileSamples * 2];
        audio.AsSpan(0, (int)Math.Min(audio.Length, pcm.Length)).CopyTo(pcm);
        if (format == "wav")
        {
            WavFile.Write(target, pcm);
        }
        else
        {
            await File.WriteAllBytesAsync(target, pcm).ConfigureAwait(false);
        }

        lock (_sync)
        {
            _recordings.Add(target);
        }

        await SleepAsync(TimeSpan.FromMilliseconds(fileSamples / (double)SamplesPerMs)).ConfigureAwait(false);
        return reply;
    }

    private const int WavFileRate = WavFile.SampleRate;
}
