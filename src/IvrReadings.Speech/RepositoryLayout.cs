namespace IvrReadings.Speech;

/// <summary>
/// Finds the repository root (the folder holding IvrReadings.sln) so that a developer's
/// native/ and models/ are found whether the code runs from bin/, tests, or the repo itself.
/// </summary>
internal static class RepositoryLayout
{
    private const string Marker = "IvrReadings.sln";

    public static string? FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
