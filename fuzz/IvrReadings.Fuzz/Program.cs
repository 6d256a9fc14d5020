using IvrReadings.Fuzz;
using SharpFuzz;

// afl-fuzz runs `dotnet IvrReadings.Fuzz.dll TARGET` with the input on stdin (scripts/fuzz.sh);
// `dotnet IvrReadings.Fuzz.dll TARGET replay FILE...` runs inputs once, uninstrumented, e.g. a finding.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: IvrReadings.Fuzz {string.Join('|', Targets.All.Keys)} [replay FILE...]");
    return 2;
}

if (args.Length > 1 && args[1] == "replay")
{
    var failed = 0;
    foreach (var file in args.Skip(2))
    {
        try
        {
            target(File.ReadAllBytes(file));
            Console.WriteLine($"ok      {file}");
        }
        catch (Exception ex)
        {
            failed++;
            Console.WriteLine($"FINDING {file}: {ex.GetType().Name}: {ex.Message}");
            Console.WriteLine(ex.StackTrace);
        }
    }

    return failed == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target(copy.ToArray());
});
return 0;
