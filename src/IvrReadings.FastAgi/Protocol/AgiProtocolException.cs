namespace IvrReadings.FastAgi;

/// <summary>The peer broke the wire protocol (line too long, garbage instead of an AGI line). The connection cannot be
/// trusted any more and is closed.</summary>
public sealed class AgiProtocolException : Exception
{
    public AgiProtocolException(string message) : base(message) { }

    public AgiProtocolException(string message, Exception innerException) : base(message, innerException) { }

    public AgiProtocolException() { }
}
