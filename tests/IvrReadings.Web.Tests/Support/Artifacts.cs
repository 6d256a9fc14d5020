namespace IvrReadings.Web.Tests.Support;

/// <summary>Where screenshots go: <c>test-artifacts/screenshots/</c> at the repository root (gitignored), else beside the test binaries.</summary>
public static class Artifacts
{
    public static string Screenshots { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IvrReadings.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "test-artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
