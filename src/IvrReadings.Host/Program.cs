using IvrReadings.Host.Cli;

// The one entry point: `ivr-readings <command> [options]`. Everything else lives in Cli/ and Hosting/.
return await CommandDispatcher.RunAsync(args);
