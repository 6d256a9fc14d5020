namespace IvrReadings.Testing;

/// <summary>
/// Where the tests find what the checkout holds beside the code: <c>native/libvosk.so</c> and the Vosk models.
/// Tests run from <c>tests/*/bin/</c> inside the checkout, so walking up is right here; the product itself only
/// looks where it is configured to.
/// </summary>
public static class Checkout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding IvrReadings.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary><c>native/</c>, where <c>make native</c> (and the Speech tests' build) put libvosk.so.</summary>
    public static string NativeDirectory => Path.Combine(Root, "native");

    /// <summary>A model by name: <c>models/NAME</c> (<c>make model</c>), else <c>../shared/models/NAME</c> beside the
    /// checkout (our machines and CI); the first of them when neither exists.</summary>
    public static string ModelDirectory(string name)
    {
        string[] candidates = [Path.Combine(Root, "models", name), Path.GetFullPath(Path.Combine(Root, "..", "shared", "models", name))];
        return candidates.FirstOrDefault(Directory.Exists) ?? candidates[0];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvrReadings.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IvrReadings.sln above {AppContext.BaseDirectory}: the tests run inside the checkout.");
    }
}
