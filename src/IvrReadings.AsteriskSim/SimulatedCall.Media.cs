using System.Globalization;
using System.Text;

namespace IvrReadings.AsteriskSim;

/// <summary>Playback and key input: STREAM FILE and its kin, GET DATA, WAIT FOR DIGIT, SAY *.</summary>
public sealed partial class SimulatedCall
{
    private const int SamplesPerMs = 8;

    private async Task<bool> PlayAsync(string file, TimeSpan duration)
    {
        lock (_sync)
        {
            _played.Add(file);
        }

        _options.Observer?.OnPlay(this, file, duration);
        return await SleepAsync(duration).ConfigureAwait(false);
    }

    /// <summary>Waits in real-time mode; returns false when the caller hung up meanwhile.</summary>
    private async Task<bool> SleepAsync(TimeSpan duration)
    {
        if (!_options.RealTime || duration <= TimeSpan.Zero)
        {
            return !_callerHungUp.Task.IsCompleted;
        }

        await Task.WhenAny(Task.Delay(duration), _callerHungUp.Task).ConfigureAwait(false);
        return !_callerHungUp.Task.IsCompleted;
    }

    private static long Samples(TimeSpan duration) => (long)(duration.TotalMilliseconds * SamplesPerMs);

    private async Task<string?> StreamFileAsync(string name, IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2)
        {
            return null;
        }

        var file = arguments[0];
        var escape = arguments[1];
        if (!_options.PromptExists(file))
        {
            return "200 result=-1 endpos=0";
        }

        var duration = _options.PromptDuration(file);
        var offset = name == "STREAM FILE" && arguments.Count > 2 && long.TryParse(arguments[2], out var o) ? Math.Max(0, o) : 0;
        var total = Math.Max(Samples(duration), offset);
        if (TakeHangupDuring())
        {
            await PlayAsync(file, duration / 2).ConfigureAwait(false);
            return $"200 result=-1 endpos={Int(offset + ((total - offset) / 2))}";
        }

        var digit = await TakeEscapeDigitAsync(escape, canTimeOut: false).ConfigureAwait(false);
        if (digit is { } d)
        {
            await PlayAsync(file, duration * 0.4).ConfigureAwait(false);
            return $"200 result={(int)d} endpos={Int(offset + ((total - offset) * 2 / 5))}";
        }

        if (!await PlayAsync(file, duration).ConfigureAwait(false))
        {
            _pendingHangup = true;
            return $"200 result=-1 endpos={Int(total / 2)}";
        }

        if (name == "CONTROL STREAM FILE")
        {
            return "200 result=0 endpos=-1";
        }

        if (name == "GET OPTION")
        {
            var timeout = arguments.Count > 2 && int.TryParse(arguments[2], out var t) ? t : 5000;
            var late = await TakeEscapeDigitAsync(escape, canTimeOut: true).ConfigureAwait(false);
            if (late is null)
            {
                await SleepAsync(TimeSpan.FromMilliseconds(Math.Max(0, timeout))).ConfigureAwait(false);
            }

            return $"200 result={(late is { } l ? (int)l : 0)} endpos={Int(total)}";
        }

        return $"200 result=0 endpos={Int(total)}";
    }

    private async Task<string?> GetDataAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1)
        {
            return null;
        }

        var file = arguments[0];
        var timeout = arguments.Count > 1 && int.TryParse(arguments[1], out var t) && t > 0 ? t : 6000;
        var maxDigits = arguments.Count > 2 && int.TryParse(arguments[2], out var m) && m > 0 ? m : 1024;
        if (!_options.PromptExists(file))
        {
            return "200 result=-1";
        }

        if (TakeHangupDuring())
        {
            await PlayAsync(file, _options.PromptDuration(file) / 2).ConfigureAwait(false);
            return "200 result=-1";
        }

        var hasKeys = await EnsureKeysAsync(canTimeOut: true).ConfigureAwait(false);
        // Bursts the caller types from here on (real-time mode), also while the prompt still plays, are this input's.
        var taken = Volatile.Read(ref _enqueued);
        await PlayAsync(file, hasKeys ? TimeSpan.Zero : _options.PromptDuration(file)).ConfigureAwait(false);
        var digits = new StringBuilder();
        while (true)
        {
            var added = NextActionAdded;
            while (_typeAhead.Length > 0)
            {
                var key = _typeAhead[0];
                _typeAhead.Remove(0, 1);
                if (key == '#')
                {
                    return $"200 result={digits}";
                }

                digits.Append(key);
                if (digits.Length >= maxDigits)
                {
                    return $"200 result={digits}";
                }
            }

            // The timeout is both the first-digit and the inter-digit timeout. Only a burst added while the call
            // runs (real-time mode) can continue the input; queued bursts are one per command. One added before
            // `added` was taken is not waited for: it is already there.
            if (Volatile.Read(ref _enqueued) == taken)
            {
                await WaitForActionAsync(added, TimeSpan.FromMilliseconds(timeout)).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _enqueued) == taken || _callerHungUp.Task.IsCompleted
                || !_actions.TryPeek(out var next) || next is not CallerAction.Press press)
            {
                break;
            }

            taken++;
            _actions.TryDequeue(out _);
            _typeAhead.Append(press.Keys);
            Note($"caller presses {press.Keys}");
        }

        if (_callerHungUp.Task.IsCompleted)
        {
            _pendingHangup = true;
            return "200 result=-1";
        }

        return $"200 result={digits} (timeout)";
    }

    private async Task<string?> WaitForDigitAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 1 || !int.TryParse(arguments[0], out var timeout))
        {
            return null;
        }

        if (TakeHangupDuring())
        {
            return "200 result=-1";
        }

        var wait = timeout < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeout);
        var deadline = DateTime.UtcNow + (timeout < 0 ? TimeSpan.Zero : wait);
        while (true)
        {
            var added = NextActionAdded;
            if (await EnsureKeysAsync(canTimeOut: true).ConfigureAwait(false))
            {
                var key = _typeAhead[0];
                _typeAhead.Remove(0, 1);
                return $"200 result={(int)key}";
            }

            // Nothing typed: wait for the caller (an action added while the call runs), a hang-up, or the timeout.
            var left = timeout < 0 ? Timeout.InfiniteTimeSpan : deadline - DateTime.UtcNow;
            if (left != Timeout.InfiniteTimeSpan && left < TimeSpan.Zero)
            {
                left = TimeSpan.Zero;
            }

            if (!await WaitForActionAsync(added, left).ConfigureAwait(false))
            {
                break;
            }
        }

        if (_callerHungUp.Task.IsCompleted)
        {
            _pendingHangup = true;
            return "200 result=-1";
        }

        return "200 result=0";
    }

    private async Task<string?> SayAsync(string name, IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2)
        {
            return null;
        }

        List<string> files;
        if (name == "SAY NUMBER")
        {
            if (!long.TryParse(arguments[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            files = SayNumberFiles.For(number);
        }
        else
        {
            files = arguments[0].Select(c => char.IsDigit(c) ? $"digits/{c}" : $"letters/{char.ToLowerInvariant(c)}").ToList();
        }

        if (TakeHangupDuring())
        {
            return "200 result=-1";
        }

        var digit = await TakeEscapeDigitAsync(arguments[1], canTimeOut: false).ConfigureAwait(false);
        foreach (var file in files)
        {
            if (!await PlayAsync(file, digit is null ? _options.PromptDuration(file) : TimeSpan.Zero).ConfigureAwait(false))
            {
                _pendingHangup = true;
                return "200 result=-1";
            }

            if (digit is not null)
            {
                break;
            }
        }

        return $"200 result={(digit is { } d ? (int)d : 0)}";
    }
}
