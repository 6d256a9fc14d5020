using IvrReadings.Web.Recordings;

namespace IvrReadings.Web.Tests.Unit;

public sealed class RecordingFileResolverTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ivr-rec-").FullName;

    public RecordingFileResolverTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "recordings", "2026"));
        File.WriteAllText(Path.Combine(root, "recordings", "2026", "a.wav"), "x");
        File.WriteAllText(Path.Combine(root, "secret.txt"), "x");
        File.WriteAllText(Path.Combine(root, "recordings-evil.wav"), "x");
    }

    [Fact]
    public void A_relative_name_inside_the_directory_resolves()
    {
        var resolver = new RecordingFileResolver(Path.Combine(root, "recordings"));
        Assert.Equal(Path.Combine(root, "recordings", "2026", "a.wav"), resolver.Resolve("2026/a.wav"));
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("2026/../../secret.txt")]
    [InlineData("../recordings-evil.wav")]
    [InlineData("/etc/passwd")]
    [InlineData("2026/missing.wav")]
    [InlineData("")]
    [InlineData("a\0b")]
    public void Names_that_leave_the_directory_or_do_not_exist_are_refused(string name)
    {
        var resolver = new RecordingFileResolver(Path.Combine(root, "recordings"));
        Assert.Null(resolver.Resolve(name));
    }

    [Fact]
    public void An_absolute_name_inside_the_directory_resolves()
    {
        var resolver = new RecordingFileResolver(Path.Combine(root, "recordings"));
        var path = Path.Combine(root, "recordings", "2026", "a.wav");
        Assert.Equal(path, resolver.Resolve(path));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
