namespace IvrReadings.FastAgi;

/// <summary>Runs one call for one AGI script name (the path of <c>agi://host/script?query</c>).</summary>
public interface IAgiScriptHandler
{
    /// <param name="callAborted">Fires when the call must end now: call time limit, or server shutdown grace over.</param>
    Task HandleAsync(IAgiChannel channel, CancellationToken callAborted);
}
