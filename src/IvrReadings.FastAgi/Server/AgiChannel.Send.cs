using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace IvrReadings.FastAgi;

/// <summary>Sending a command and completing its reply.</summary>
/// <remarks>
/// No async frame is held while a call waits for a reply (with thousands of calls parked in WAIT FOR DIGIT that is
/// memory): the command is written on the caller's thread (a non-blocking send, <see cref="AgiSocket.SendAsync"/>), and
/// whoever ends the wait (the read loop with the reply or with the connection's end, the command timer, the caller's
/// token) checks the reply (511, not 200), records the metric, ends the token's registration and completes the reply
/// source. Reading the reply (<see cref="AgiReplySource.GetResult"/>) opens the gate for the next command, so each
/// caller's own continuation sends its next command without a thread hop, and a concurrent caller can never reset the
/// source before the reply was read. Only the rare slow paths (the gate held by a command nobody waits for any more, a
/// send buffer full) use an async frame.
/// </remarks>
public sealed partial class AgiChannel
{
    // The command in flight: written by the sender before _replyState becomes Waiting, read by whoever ends the wait.
    private AgiCommand _inFlight;
    private long _inFlightStarted;
    private TimeSpan _inFlightTimeout;
    private CancellationToken _inFlightToken;
    private CancellationTokenRegistration _inFlightRegistration;

    /// <summary>Sends one command; the task completes with its reply.</summary>
    /// <param name="allowedWhenDead">Asterisk still runs this command after a hang-up (NOOP, VERBOSE, variables, EXEC).</param>
    /// <param name="expectedDuration">How long the command may legitimately run (added to the command timeout).</param>
    /// <remarks>Every caller awaits the result exactly once: reading it lets the next command go.</remarks>
    internal ValueTask<AgiResponse> SendAsync(AgiCommand command, bool allowedWhenDead, TimeSpan expectedDuration, CancellationToken ct)
    {
        Task gate;
        try
        {
            ct.ThrowIfCancellationRequested();
            ThrowIfUnusable(allowedWhenDead);
            gate = _gate.WaitAsync(ct);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<AgiResponse>(ex);
        }

        return gate.IsCompletedSuccessfully
            ? Send(command, allowedWhenDead, expectedDuration, ct)
            : SendAfterGateAsync(gate, command, allowedWhenDead, expectedDuration, ct);
    }

    private async ValueTask<AgiResponse> SendAfterGateAsync(Task gate, AgiCommand command, bool allowedWhenDead, TimeSpan expectedDuration,
        CancellationToken ct)
    {
        await gate.ConfigureAwait(false);
        return await Send(command, allowedWhenDead, expectedDuration, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the command (the gate is held) and returns the wait for its reply.</summary>
    private ValueTask<AgiResponse> Send(AgiCommand command, bool allowedWhenDead, TimeSpan expectedDuration, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        ValueTask<AgiResponse> reply;
        try
        {
            ThrowIfUnusable(allowedWhenDead);
            var timeout = expectedDuration == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _commandTimeout + expectedDuration;
            SetDeadline(timeout); // before Waiting: a tick of a timer armed by an earlier command must see it
            reply = _reply.Reset();
            _inFlight = command;
            _inFlightStarted = started;
            _inFlightTimeout = timeout;
            _inFlightToken = ct;
            // Until the command is written whole, a timeout closes the connection (OnTimer), the caller's token
            // and the end of the read loop wait for the write (see Sent): a write cannot be abandoned half-way.
            _sending = true;
            Volatile.Write(ref _replyState, Waiting);
            if (_closed && Interlocked.CompareExchange(ref _replyState, Idle, Waiting) == Waiting)
            {
                _sending = false;
                throw Hung();
            }
        }
        catch (Exception ex)
        {
            _gate.Release();
            Record(command.Name, started);
            return ValueTask.FromException<AgiResponse>(ex);
        }

        ValueTask sent;
        try
        {
            // Registered before the write: a token already cancelled calls back at once, and that waits for the write.
            _inFlightRegistration = ct.CanBeCanceled
                ? ct.UnsafeRegister(static state => ((AgiChannel)state!).TryAbandon(ByCancellation), this)
                : default;
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                FastAgiLog.CommandSent(_logger, command.ToString());
            }

            // One timer per channel, armed lazily; armed before the write, so the timeout also ends a write the peer
            // does not take.
            ArmTimeout();
            command.Write(_commandBytes);
            sent = _socket.SendAsync(_commandBytes.Written, CancellationToken.None);
            if (sent.IsCompletedSuccessfully)
            {
                Sent();
                return reply;
            }
        }
        catch (Exception ex)
        {
            return SendFailed(ex, reply);
        }

        return SentLaterAsync(sent, reply);
    }

    /// <summary>The send buffer was full: the rest of the command goes out asynchronously (a peer that reads slowly).</summary>
    private async ValueTask<AgiResponse> SentLaterAsync(ValueTask sent, ValueTask<AgiResponse> reply)
    {
        try
        {
            await sent.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await SendFailed(ex, reply).ConfigureAwait(false);
        }

        Sent();
        return await reply.ConfigureAwait(false);
    }

    /// <summary>The command is written: what waited for the write now happens.</summary>
    private void Sent()
    {
        _commandBytes.Release();
        if (FirstCommandSentAt == 0)
        {
            FirstCommandSentAt = Stopwatch.GetTimestamp();
        }

        _sending = false;
        Interlocked.MemoryBarrier(); // _sending written before _closed and the token are read (see ReadLoopAsync, TryAbandon)
        if (_closed)
        {
            FailInFlight(); // the read loop ended during the write and left the command to us
        }
        else if (_inFlightToken.IsCancellationRequested)
        {
            TryAbandon(ByCancellation);
        }
    }

    private ValueTask<AgiResponse> SendFailed(Exception exception, ValueTask<AgiResponse> reply)
    {
        _commandBytes.Release();
        _sending = false;
        if (Interlocked.CompareExchange(ref _replyState, Idle, Waiting) != Waiting)
        {
            return reply; // already ended by someone else: their outcome stands (and reading it opens the gate)
        }

        _inFlightRegistration.Unregister();
        _gate.Release();
        Record(_inFlight.Name, _inFlightStarted);
        if (exception is not (SocketException or IOException or ObjectDisposedException))
        {
            return ValueTask.FromException<AgiResponse>(exception);
        }

        if (_writeTimedOut)
        {
            CommandTimedOut = true;
            FastAgiLog.WriteTimedOut(_logger, _inFlight.Name, (long)_inFlightTimeout.TotalMilliseconds);
            return ValueTask.FromException<AgiResponse>(new TimeoutException(
                $"AGI command {_inFlight.Name} could not be written within {_inFlightTimeout}: the peer stopped reading."));
        }

        // A reset while writing is how a connection ends when Asterisk (or the caller's channel) goes away.
        MarkHungUp("connection reset");
        return ValueTask.FromException<AgiResponse>(new CallHungUpException("The connection is closed.", exception));
    }

    /// <summary>The reply of the command in flight arrived (on the read loop; _replyState was Waiting).</summary>
    private void Complete(in AgiResponse response)
    {
        _inFlightRegistration.Unregister();
        Record(_inFlight.Name, _inFlightStarted);
        if (response.Code == 511)
        {
            MarkHungUp("511 dead channel");
            _reply.SetException(Hung(), releaseGate: true);
        }
        else if (response.Code != 200)
        {
            _reply.SetException(new AgiCommandException(_inFlight.ToString(), response), releaseGate: true);
        }
        else
        {
            _reply.SetResult(response);
        }
    }

    /// <summary>The connection is gone: the command in flight fails, an owed reply of an abandoned one never comes.</summary>
    private void FailInFlight()
    {
        switch (Interlocked.Exchange(ref _replyState, Idle))
        {
            case Waiting:
                _inFlightRegistration.Unregister();
                Record(_inFlight.Name, _inFlightStarted);
                _reply.SetException(new CallHungUpException(_hungUp.Token), releaseGate: true);
                break;
            case Abandoned:
                _gate.Release();
                break;
        }
    }

    /// <summary>Gives up waiting for the reply in flight (it stays owed: the gate stays closed until it arrives or the
    /// connection dies, so the next command never takes it for its own); false if it already arrived.</summary>
    private bool TryAbandon(int reason)
    {
        // The caller's token waits for the write (Sent looks again), and is for this command only if it is cancelled.
        if (reason == ByCancellation && (_sending || !_inFlightToken.IsCancellationRequested))
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _replyState, Abandoned, Waiting) != Waiting)
        {
            return false;
        }

        _inFlightRegistration.Unregister();
        Record(_inFlight.Name, _inFlightStarted);
        Exception error;
        if (reason == ByTimeout)
        {
            CommandTimedOut = true;
            FastAgiLog.CommandTimedOut(_logger, _inFlight.Name, (long)_inFlightTimeout.TotalMilliseconds);
            Abort("command timeout");
            error = new TimeoutException($"AGI command {_inFlight.Name} got no reply within {_inFlightTimeout}.");
        }
        else
        {
            error = IsHungUp ? Hung() : new OperationCanceledException(_inFlightToken);
        }

        _reply.SetException(error, releaseGate: false);
        return true;
    }

    private static void Record(string command, long started) =>
        CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("command", command));
}
