using System.Buffers.Binary;
using IvrReadings.Audio;

namespace IvrReadings.AsteriskSim.Tests.Caller;

public sealed class WavFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ivr-simwav-").FullName;

    [Fact]
    public void Reads_back_the_samples_it_writes()
    {
        var path = Path.Combine(_directory, "tone.wav");
        var pcm = WavFile.Tone(0.25);

        WavFile.Write(path, pcm);

        Assert.Equal(pcm, WavFile.ReadPcm(path));
        Assert.Equal(TimeSpan.FromSeconds(0.25), WavReader.Duration(path));
    }

    [Fact]
    public void Raw_pcm_without_a_riff_header_is_said_as_it_is()
    {
        var path = Path.Combine(_directory, "raw.pcm");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, WavFile.ReadPcm(path));
    }

    [Fact]
    public async Task A_chunk_size_of_minus_eight_is_an_error_not_an_endless_loop()
    {
        // The simulator's own reader took the size as Int32: -8 added to the offset left it where it was, forever.
        var path = Path.Combine(_directory, "bad.wav");
        WavFile.Write(path, WavFile.Tone(0.01));
        var good = File.ReadAllBytes(path);
        var bad = new byte[good.Length + 8];
        good.AsSpan(0, 36).CopyTo(bad);
        "LIST"u8.CopyTo(bad.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(40), 0xFFFFFFF8);
        good.AsSpan(36).CopyTo(bad.AsSpan(44));
        File.WriteAllBytes(path, bad);

        var read = Task.Run(() => Record.Exception(() => WavFile.ReadPcm(path)));

        var ex = Assert.IsType<WavFormatException>(await read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
