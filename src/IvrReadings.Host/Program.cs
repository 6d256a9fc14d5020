using IvrReadings.FastAgi;
using IvrReadings.Host.Cli;

// Before any socket exists: FastAGI round trips complete on the socket thread (see SocketCompletions).
SocketCompletions.PreferInline();

// The one entry point: `ivr-readings <command> [options]`. Everything else lives in Cli/ and Hosting/.
return await CommandDispatcher.RunAsync(args);
