using System.Net.Sockets;

namespace IvrReadings.AsteriskSim;

/// <summary>What the caller does: keys typed ahead or while a command waits, silence, holding, hanging up.</summary>
public sealed partial class SimulatedCall
{
    /// <summary>Waits until an action is enqueued after <paramref name="added"/> was taken (true), the caller hangs up,
    /// or <paramref name="timeout"/> passes (only in real-time mode; in virtual time a finite wait is over at once).</summary>
    private async Task<bool> WaitForActionAsync(Task added, TimeSpan timeout)
    {
        if (!added.IsCompleted && timeout != Timeout.InfiniteTimeSpan && !_options.RealTime)
        {
            return false;
        }

        if (!added.IsCompleted)
        {
            var delay = timeout == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite) : Task.Delay(timeout);
            await Task.WhenAny(added, _callerHungUp.Task, delay).ConfigureAwait(false);
        }

        return added.IsCompleted && !_callerHungUp.Task.IsCompleted;
    }

    /// <summary>Completes when the next action is enqueued; take it BEFORE looking at the queue.</summary>
    private Task NextActionAdded => Volatile.Read(ref _actionAdded).Task;

    /// <summary>Actions that happen while the app is idle: keys that get lost, and the caller hanging up.</summary>
    private async Task RunIdleActionsAsync()
    {
        while (!_dead && _actions.TryPeek(out var action))
        {
            if (action is CallerAction.PressWhileIdle idle)
            {
                _actions.TryDequeue(out _);
                Note($"caller presses {idle.Keys} while no command runs (lost)");
            }
            else if (action is CallerAction.HangUp)
            {
                _actions.TryDequeue(out _);
                await CallerHangsUpAsync(delayLine: false).ConfigureAwait(false);
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>The channel hangs up. The HANGUP line follows a command's -1 reply after a short delay, or comes at once
    /// when the app is idle; AGIEXITONHANGUP sends it twice and closes; AGISIGHUP=no sends nothing.</summary>
    private async Task CallerHangsUpAsync(bool delayLine)
    {
        lock (_sync)
        {
            if (_dead)
            {
                return;
            }

            _dead = true;
        }

        _callerHungUp.TrySetResult();
        Note("channel hung up");
        if (_options.AgiExitOnHangup)
        {
            await WriteAsync("HANGUP\nHANGUP\n").ConfigureAwait(false);
            _asteriskClosed = true;
            try
            {
                _socket?.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already gone.
            }

            _socket?.Dispose();
            return;
        }

        if (!_options.AgiSigHup)
        {
            return;
        }

        if (!delayLine || _options.HangupLineDelay <= TimeSpan.Zero)
        {
            await WriteAsync("HANGUP\n").ConfigureAwait(false);
            return;
        }

        _ = SendHangupLineLaterAsync();
    }

    private async Task SendHangupLineLaterAsync()
    {
        try
        {
            await Task.Delay(_options.HangupLineDelay).ConfigureAwait(false);
            await WriteAsync("HANGUP\n").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The app closed first.
        }
    }

    /// <summary>Caller hangs up during this media command?</summary>
    private bool TakeHangupDuring()
    {
        if (_hangupRequested || (_actions.TryPeek(out var head) && head is CallerAction.HangUpDuringNextCommand))
        {
            if (!_hangupRequested)
            {
                _actions.TryDequeue(out _);
            }

            _hangupRequested = false;
            _pendingHangup = true;
            Note("caller hangs up during the command");
            return true;
        }

        return false;
    }

    private bool TakeHangupFromAction()
    {
        _pendingHangup = true;
        Note("caller hangs up during the recording");
        return true;
    }

    /// <summary>Makes typed-ahead keys available: leftover keys first, else at most one burst from the queue.</summary>
    /// <param name="canTimeOut">The command waits for input (GET DATA, WAIT FOR DIGIT, ...), so it also consumes a
    /// <see cref="CallerAction.StaySilent"/> or <see cref="CallerAction.Hold"/>.</param>
    private async Task<bool> EnsureKeysAsync(bool canTimeOut)
    {
        while (true)
        {
            if (_typeAhead.Length > 0)
            {
                return true;
            }

            if (!_actions.TryPeek(out var action))
            {
                return false;
            }

            switch (action)
            {
                case CallerAction.Press press:
                    _actions.TryDequeue(out _);
                    _typeAhead.Append(press.Keys);
                    Note($"caller presses {press.Keys}");
                    return true;
                case CallerAction.StaySilent when canTimeOut:
                    _actions.TryDequeue(out _);
                    Note("caller stays silent");
                    return false;
                case CallerAction.Hold hold when canTimeOut:
                    _actions.TryDequeue(out _);
                    Note("caller holds");
                    await Task.WhenAny(hold.Release, _callerHungUp.Task).ConfigureAwait(false);
                    if (_callerHungUp.Task.IsCompleted)
                    {
                        return false;
                    }

                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>Takes the first escape digit typed ahead; playback drops the keys that are not escape digits.</summary>
    private async Task<char?> TakeEscapeDigitAsync(string escapeDigits, bool canTimeOut)
    {
        if (escapeDigits.Length == 0 || !await EnsureKeysAsync(canTimeOut).ConfigureAwait(false))
        {
            return null;
        }

        while (_typeAhead.Length > 0)
        {
            var key = _typeAhead[0];
            _typeAhead.Remove(0, 1);
            if (escapeDigits.Contains(key, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }
}
