using System.Buffers.Binary;

namespace IvrReadings.Audio.Tests;

/// <summary>Files a recorder killed mid-write, a bad tool or a hostile upload can leave: a clear error, never a hang.</summary>
public sealed class MalformedWavTests
{
    [Theory]
    [InlineData(0xFFFFFFF8u)] // -8 as a signed size: a reader that adds it to its offset stands still
    [InlineData(0xFFFFFFF0u)] // -16: a reader that adds it goes backwards
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    public async Task A_chunk_size_past_the_end_of_the_file_is_an_error_not_a_loop(uint size)
    {
        var bytes = WithListChunkOfSize(size);

        var read = Task.Run(() => Record.Exception(() => WavReader.Read(bytes)));

        // A reader that loops never returns; 10 s is far beyond any real read of a 200-byte file.
        var ex = Assert.IsType<WavFormatException>(await read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("WAV data:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_of_a_malformed_file_names_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.wav");
        File.WriteAllBytes(path, WithListChunkOfSize(0xFFFFFFF8u));

        var ex = Assert.Throws<WavFormatException>(() => WavReader.Duration(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_comes_from_the_header()
    {
        using var dir = new TempDirectory();

        Assert.Equal(TimeSpan.FromSeconds(2.5), WavReader.Duration(Some.WavFile(dir, "a.wav", seconds: 2.5, sampleRate: 16000)));
    }

    [Fact]
    public void A_format_chunk_with_zero_block_align_is_an_error()
    {
        var bytes = WavWriter.ToBytes(Some.Tone(0.01));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 0);

        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(bytes));

        Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Zero_or_too_many_channels_are_an_error(int channels)
    {
        var bytes = WavWriter.ToBytes(Some.Tone(0.01));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), (ushort)Math.Max(2, 2 * channels));

        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(bytes));

        Assert.Contains("channels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_header_asterisk_writes()
    {
        var bytes = WavWriter.ToBytes(new PcmAudio(8000, [1, 2]));

        Assert.Equal(44 + 4, bytes.Length);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16))); // plain 16-byte fmt chunk
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
    }

    // A valid fmt, then a LIST chunk whose size field says `size`, then a valid data chunk.
    private static byte[] WithListChunkOfSize(uint size)
    {
        var good = WavWriter.ToBytes(Some.Tone(0.01));
        var bytes = new byte[good.Length + 8];
        good.AsSpan(0, 36).CopyTo(bytes);
        "LIST"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), size);
        good.AsSpan(36).CopyTo(bytes.AsSpan(44));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
