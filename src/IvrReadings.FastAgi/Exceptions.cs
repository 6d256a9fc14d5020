namespace IvrReadings.FastAgi;

/// <summary>The caller has hung up (or the call was ended by the server). Not an error: handlers let it propagate
/// or catch it to run dead-mode cleanup.</summary>
public sealed class CallHungUpException : OperationCanceledException
{
    public CallHungUpException() : base("The call has hung up.") { }

    public CallHungUpException(string message) : base(message) { }

    public CallHungUpException(string message, Exception innerException) : base(message, innerException) { }

    public CallHungUpException(CancellationToken hungUp) : base("The call has hung up.", hungUp) { }
}

/// <summary>Asterisk refused a command (510 unknown, 520 bad syntax) or replied something the command cannot use.</summary>
public sealed class AgiCommandException : Exception
{
    public AgiCommandException(string command, AgiResponse response)
        : base($"AGI command '{command}' failed: {response}")
    {
        Command = command;
        Response = response;
    }

    public AgiCommandException() { }

    public AgiCommandException(string message) : base(message) { }

    public AgiCommandException(string message, Exception innerException) : base(message, innerException) { }

    public string Command { get; } = string.Empty;

    public AgiResponse Response { get; }
}
