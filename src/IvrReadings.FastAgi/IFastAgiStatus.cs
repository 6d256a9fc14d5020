using System.Net;

namespace IvrReadings.FastAgi;

/// <summary>What /health reports about the FastAGI listener.</summary>
public interface IFastAgiStatus
{
    bool Listening { get; }

    /// <summary>The bound endpoint (the real port when 0 was configured), or null before binding.</summary>
    IPEndPoint? Endpoint { get; }

    int ActiveCalls { get; }
}
