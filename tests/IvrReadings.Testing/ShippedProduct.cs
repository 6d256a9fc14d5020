namespace IvrReadings.Testing;

/// <summary>
/// How tests start the product as a process of its own. Under <c>make test</c> that is the shipped server, the native
/// binary <c>./ivr-readings</c> builds (compiled ahead of time; <c>scripts/test.sh</c> names it in
/// <c>IVR_READINGS_BINARY</c>), so the process-level tests check what an operator runs; a single test project run by hand
/// without it starts the same code built beside the tests, on the JIT (<c>dotnet ivr-readings.dll</c>).
/// </summary>
public static class ShippedProduct
{
    public const string Variable = "IVR_READINGS_BINARY";

    /// <summary>The program to start and the arguments that come before the product's own.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Command { get; } = Resolve();

    private static (string, IReadOnlyList<string>) Resolve()
    {
        var binary = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(binary))
        {
            return ("dotnet", [Path.Combine(AppContext.BaseDirectory, "ivr-readings.dll")]);
        }

        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{Variable} names {binary}, which does not exist: run ./ivr-readings help to build it.");
        }

        return (Path.GetFullPath(binary), []);
    }
}
