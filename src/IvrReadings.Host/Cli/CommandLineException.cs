namespace IvrReadings.Host.Cli;

/// <summary>A usage error found by a command itself (a missing file, a bad value): its message and exit code 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
