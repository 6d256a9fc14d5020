using System.Threading.Tasks.Sources;

namespace IvrReadings.FastAgi;

/// <summary>The reply of the command in flight, one reusable source per channel instead of a
/// TaskCompletionSource per command (one allocation less per round trip, which adds up at thousands of calls).</summary>
/// <remarks>Completed exactly once per command: only the thread that moves <c>_replyState</c> out of Waiting
/// completes it. Continuations run inline (on the read loop). Reading a completed reply opens the channel's gate for
/// the next command (unless the command was abandoned: its reply is still owed), so the reader's own continuation
/// sends the next command at once, and nobody resets the source before its reply was read.</remarks>
internal sealed class AgiReplySource(SemaphoreSlim gate) : IValueTaskSource<AgiResponse>
{
    private ManualResetValueTaskSourceCore<AgiResponse> _core;
    private bool _releaseGate;

    /// <summary>Starts a new command's wait (the gate is held).</summary>
    public ValueTask<AgiResponse> Reset()
    {
        _core.Reset();
        _releaseGate = false;
        return new ValueTask<AgiResponse>(this, _core.Version);
    }

    public void SetResult(AgiResponse response)
    {
        _releaseGate = true;
        _core.SetResult(response);
    }

    /// <param name="releaseGate">false for an abandoned command: the gate stays closed until its reply arrives.</param>
    public void SetException(Exception exception, bool releaseGate)
    {
        _releaseGate = releaseGate;
        _core.SetException(exception);
    }

    public AgiResponse GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            if (_releaseGate)
            {
                _releaseGate = false;
                gate.Release();
            }
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
