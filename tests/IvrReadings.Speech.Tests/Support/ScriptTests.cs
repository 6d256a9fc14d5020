namespace IvrReadings.Speech.Tests.Support;

/// <summary>The shell scripts the Makefile calls, run against fakes (no network, no real model).</summary>
public sealed class ScriptTests
{
    private static string Script(string name) => Path.Combine(Tools.RepoRoot, "scripts", "speech", name);

    [Fact]
    public void Fetch_libvosk_is_idempotent_when_the_library_is_present()
    {
        var (exitCode, output) = Tools.Run("bash", Script("fetch-libvosk.sh"), Path.Combine(Tools.RepoRoot, "native"));

        Assert.True(exitCode == 0, output);
        Assert.Equal("", output);
    }

    [Fact]
    public void Model_script_links_a_verified_local_copy_and_rejects_a_corrupt_one()
    {
        using var dir = new TempDirectory();
        var name = "fake-model-1";
        var source = Path.Combine(dir.Path, "src", name);
        Directory.CreateDirectory(Path.Combine(source, "am"));
        File.WriteAllText(Path.Combine(source, "am", "final.mdl"), "weights");
        File.WriteAllText(Path.Combine(source, "README"), "readme");
        Directory.CreateDirectory(dir.File("sums"));
        var (_, sums) = Tools.Run("bash", "-c", $"cd '{dir.File("src")}' && sha256sum {name}/README {name}/am/final.mdl");
        File.WriteAllText(dir.File($"sums/{name}.sha256"), sums);
        var env = $"SPEECH_MODELS_SHA_DIR='{dir.File("sums")}' SPEECH_MODEL_NAME={name} SPEECH_MODEL_SOURCE='{source}'";

        var (ok, okOutput) = Tools.Run("bash", "-c", $"{env} bash '{Script("model.sh")}' ru '{dir.File("dest")}'");
        Assert.True(ok == 0, okOutput);
        Assert.True(File.Exists(Path.Combine(dir.File("dest"), name, "am", "final.mdl")));

        File.WriteAllText(Path.Combine(source, "am", "final.mdl"), "tampered");
        var (bad, badOutput) = Tools.Run("bash", "-c", $"{env} bash '{Script("model.sh")}' ru '{dir.File("dest")}'");
        Assert.NotEqual(0, bad);
        Assert.Contains("does not match", badOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_script_verifies_a_download_before_putting_it_in_place()
    {
        if (!Tools.Has("python3") || !Tools.Has("curl"))
        {
            return; // The fake download is zipped by python3 and fetched by curl from file://.
        }

        using var dir = new TempDirectory();
        var name = "fake-model-2";
        Directory.CreateDirectory(Path.Combine(dir.Path, "zip", name));
        File.WriteAllText(Path.Combine(dir.Path, "zip", name, "README"), "readme");
        Directory.CreateDirectory(dir.File("sums"));
        File.WriteAllText(dir.File($"sums/{name}.sha256"), new string('0', 64) + $"  {name}/README\n");
        var (zipCode, zipOutput) = Tools.Run("bash", "-c", $"cd '{dir.File("zip")}' && python3 -m zipfile -c m.zip {name}");
        Assert.True(zipCode == 0, zipOutput);
        var env = $"SPEECH_MODELS_SHA_DIR='{dir.File("sums")}' SPEECH_MODEL_NAME={name} SPEECH_MODEL_SOURCE=/nonexistent SPEECH_MODEL_URL=file://{dir.File("zip/m.zip")}";

        var (code, output) = Tools.Run("bash", "-c", $"{env} bash '{Script("model.sh")}' ru '{dir.File("dest")}'");

        Assert.NotEqual(0, code);
        Assert.Contains("does not match", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.File("dest"), name)));
    }

    [Fact]
    public void Model_script_explains_the_missing_ukrainian_default()
    {
        var (code, output) = Tools.Run("bash", Script("model.sh"), "uk", Path.GetTempPath());

        Assert.Equal(2, code);
        Assert.Contains("SPEECH_MODEL_NAME", output, StringComparison.Ordinal);
    }
}
