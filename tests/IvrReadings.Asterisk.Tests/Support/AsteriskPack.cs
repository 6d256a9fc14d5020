namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>
/// The relocatable Asterisk 22 test pack: <c>IVR_ASTERISK_PACK</c>, else <c>../shared/asterisk</c> beside the checkout
/// (our machines and CI). Missing in a user's clone: the tests skip with that reason; missing under <c>CI=true</c>: they fail.
/// </summary>
public static class AsteriskPack
{
    public const string EnvironmentVariable = "IVR_ASTERISK_PACK";

    public static string Directory { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Checkout.Root, "..", "shared", "asterisk"));

    public static bool IsPresent => File.Exists(Path.Combine(Directory, "start.sh")) && File.Exists(Path.Combine(Directory, "bin", "asterisk"));

    public static bool IsRequired => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the real-Asterisk tests cannot run here, or null when they can (or must: under CI they fail instead).</summary>
    public static string? SkipReason => IsPresent || IsRequired
        ? null
        : $"no Asterisk test pack at {Directory} (set {EnvironmentVariable}, or put the pack at ../shared/asterisk beside the checkout)";

    public static void EnsurePresent()
    {
        if (!IsPresent)
        {
            throw new InvalidOperationException(
                $"The Asterisk test pack is required (CI=true) but missing at {Directory}: set {EnvironmentVariable} or provide ../shared/asterisk.");
        }
    }

    public static string Script(string name) => Path.Combine(Directory, name);
}

/// <summary>A test that needs the real Asterisk: skipped with the reason where the pack is absent (never under CI).</summary>
public sealed class AsteriskFactAttribute : FactAttribute
{
    public AsteriskFactAttribute()
    {
        if (AsteriskPack.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
