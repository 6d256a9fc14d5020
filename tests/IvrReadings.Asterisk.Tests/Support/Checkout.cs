using System.Reflection;

namespace IvrReadings.Asterisk.Tests.Support;

/// <summary>The checkout these tests were built from (recorded at build time): the shipped dialplan and prompts.</summary>
public static class Checkout
{
    public static string Root { get; } = typeof(Checkout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Checkout").Value!;

    public static string Dialplan => Path.Combine(Root, "asterisk-config", "extensions-ivr-readings.conf");

    public static string Sounds => Path.Combine(Root, "sounds");

    public static string InstallSounds => Path.Combine(Root, "asterisk-config", "install-sounds.sh");
}
