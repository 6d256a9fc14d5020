namespace IvrReadings.CallFlow.Tests;

/// <summary>The repository's sounds/ folder, found from the test's output directory.</summary>
internal static class SoundsDirectory
{
    public static string Path { get; } = Find();

    public static string Wav(string lang, string id) => System.IO.Path.Combine(Path, lang, id + ".wav");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "sounds", "catalogue.json");
            if (File.Exists(candidate))
            {
                return System.IO.Path.GetDirectoryName(candidate)!;
            }
        }

        throw new DirectoryNotFoundException("sounds/catalogue.json not found above " + AppContext.BaseDirectory);
    }
}
