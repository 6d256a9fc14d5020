using IvrReadings.FastAgi;
using IvrReadings.Host.Cli;
using IvrReadings.Host.Hosting;
using Serilog;

// Before any socket exists: FastAGI round trips complete on one socket thread (see SocketCompletions); the load
// generator, which plays thousands of Asterisk channels at once, keeps an engine thread per core.
if (args is ["loadtest", ..])
{
    SocketCompletions.PreferInline();
}
else
{
    SocketCompletions.PreferInlineOnOneThread();
}

// Until a command's host has read its configuration, the bootstrap logger writes to the console (a bad setting is
// reported, not lost); the host's AddSerilog then reconfigures this same logger from the Serilog section.
Log.Logger = HostLogging.CreateBootstrapLogger();
try
{
    // The one entry point: `ivr-readings <command> [options]`. Everything else lives in Cli/ and Hosting/.
    return await CommandDispatcher.RunAsync(args);
}
finally
{
    await Log.CloseAndFlushAsync();
}
