using Microsoft.AspNetCore.Connections;

namespace IvrReadings.Web;

/// <summary>
/// At most <see cref="Max"/> connections open at once on the Kestrel endpoints it guards (a connection middleware,
/// <see cref="Guard"/>): past it a new connection is closed at once, before a byte of it is read, and <c>refused</c> is
/// called. One cap per kind of endpoint, so a flood on the console's port leaves the monitoring port its own places.
/// </summary>
public sealed class ConnectionCap(int max, Action refused)
{
    private int _open;

    public int Max => max;

    /// <summary>Connections open now on the guarded endpoints.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>For <c>ListenOptions.Use</c>.</summary>
    public ConnectionDelegate Guard(ConnectionDelegate next) => async connection =>
    {
        if (Interlocked.Increment(ref _open) > max)
        {
            Interlocked.Decrement(ref _open);
            refused();
            return; // Kestrel closes the connection when its delegate returns
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };
}
