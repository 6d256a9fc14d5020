using System.Threading.Tasks.Sources;

namespace IvrReadings.FastAgi;

/// <summary>The reply of the command in flight, one reusable source per channel instead of a
/// TaskCompletionSource per command (one allocation less per round trip, which adds up at thousands of calls).</summary>
/// <remarks>Completed exactly once per command: only the thread that moves <c>_replyState</c> out of Waiting
/// completes it. Continuations run inline (on the read loop), as they did with the TaskCompletionSource.</remarks>
internal sealed class AgiReplySource : IValueTaskSource<AgiResponse>
{
    private ManualResetValueTaskSourceCore<AgiResponse> _core;

    /// <summary>Starts a new command's wait; a previous reply nobody awaited is dropped.</summary>
    public ValueTask<AgiResponse> Reset()
    {
        _core.Reset();
        return new ValueTask<AgiResponse>(this, _core.Version);
    }

    public void SetResult(AgiResponse response) => _core.SetResult(response);

    public void SetException(Exception exception) => _core.SetException(exception);

    public AgiResponse GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
