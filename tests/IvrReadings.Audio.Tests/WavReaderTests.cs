using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace IvrReadings.Audio.Tests;

public sealed class WavReaderTests
{
    [Fact]
    public void Reads_back_what_it_writes()
    {
        var audio = new PcmAudio(8000, [0, 1, -1, short.MaxValue, short.MinValue, 1234]);

        var read = WavReader.Read(WavWriter.ToBytes(audio));

        Assert.Equal(8000, read.SampleRate);
        Assert.Equal(audio.Samples, read.Samples);
    }

    [Fact]
    public void Reads_a_file_and_reports_its_duration()
    {
        using var dir = new TempDirectory();
        var path = Some.WavFile(dir, "a.wav", seconds: 1.5);

        Assert.Equal(TimeSpan.FromSeconds(1.5), WavReader.Read(path).Duration);
    }

    [Fact]
    public void Skips_list_chunks_and_odd_chunk_padding()
    {
        var bytes = Build(
            Chunk("LIST", [1, 2, 3]),
            Fmt(1, 1, 8000, 16),
            Chunk("junk", [9]),
            Chunk("data", Samples(10, -20, 30)),
            Chunk("LIST", [4, 5]));

        var audio = WavReader.Read(bytes);

        Assert.Equal(new short[] { 10, -20, 30 }, audio.Samples);
    }

    [Fact]
    public void Accepts_wave_format_extensible_pcm()
    {
        var fmt = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), 32000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), 16);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), 4); // front centre
        new Guid("00000001-0000-0010-8000-00aa00389b71").TryWriteBytes(fmt.AsSpan(24)); // KSDATAFORMAT_SUBTYPE_PCM

        var audio = WavReader.Read(Build(Chunk("fmt ", fmt), Chunk("data", Samples(7))));

        Assert.Equal(16000, audio.SampleRate);
    }

    [Fact]
    public void Mixes_stereo_down_to_mono()
    {
        var audio = WavReader.Read(Build(Fmt(1, 2, 8000, 16), Chunk("data", Samples(100, 200, -50, -150))));

        Assert.Equal(new short[] { 150, -100 }, audio.Samples);
    }

    [Fact]
    public void Takes_an_unknown_data_size_as_the_rest_of_the_file()
    {
        var data = Chunk("data", Samples(1, 2, 3));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 0xFFFFFFFF);

        Assert.Equal(3, WavReader.Read(Build(Fmt(1, 1, 8000, 16), data)).Samples.Length);
    }

    [Theory]
    [InlineData(3, 32, "not PCM")]
    [InlineData(6, 8, "not PCM")]
    [InlineData(1, 8, "8-bit")]
    [InlineData(1, 24, "24-bit")]
    public void Rejects_what_is_not_16_bit_pcm(int tag, int bits, string message)
    {
        var ex = Assert.Throws<WavFormatException>(() =>
            WavReader.Read(Build(Fmt((ushort)tag, 1, 8000, (ushort)bits), Chunk("data", Samples(1)))));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_truncated_data_chunk()
    {
        var bytes = WavWriter.ToBytes(Some.Tone(0.1));

        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(bytes.AsSpan(0, bytes.Length - 10)));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_half_sample()
    {
        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(Build(Fmt(1, 1, 8000, 16), Chunk("data", [1, 2, 3]))));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(30)]
    public void Rejects_a_file_cut_inside_the_header(int length)
    {
        var bytes = WavWriter.ToBytes(Some.Tone(0.1));

        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(bytes.AsSpan(0, length)));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_what_is_not_riff()
    {
        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read("ID3\u0004 this is an mp3 file"u8));

        Assert.Contains("not a RIFF/WAVE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_data_chunk_that_comes_before_its_fmt_chunk()
    {
        // Out of the usual order but unambiguous: NAudio reads it, and so do sox and Asterisk.
        var audio = WavReader.Read(Build(Chunk("data", Samples(5, -5)), Fmt(1, 1, 8000, 16)));

        Assert.Equal(new short[] { 5, -5 }, audio.Samples);
    }

    [Fact]
    public void Names_a_missing_file()
    {
        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read("/nonexistent/x.wav"));

        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Fmt(ushort tag, ushort channels, int rate, ushort bits)
    {
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), bits);
        return Chunk("fmt ", fmt);
    }

    private static byte[] Samples(params short[] samples) => MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();

    private static byte[] Chunk(string id, byte[] body)
    {
        var pad = body.Length % 2;
        var chunk = new byte[8 + body.Length + pad];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), body.Length);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] Build(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var bytes = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 4 + body.Length);
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        body.CopyTo(bytes, 12);
        return bytes;
    }
}
