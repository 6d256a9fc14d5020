using IvrReadings.FastAgi;
using IvrReadings.Host.Cli;

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

// The one entry point: `ivr-readings <command> [options]`. Everything else lives in Cli/ and Hosting/.
return await CommandDispatcher.RunAsync(args);
