using System.Buffers;
using System.Text;
using System.Text.Json;

namespace IvrReadings.JsonWriting;

/// <summary>
/// JSON written by hand with <see cref="Utf8JsonWriter"/>: the shipped server is compiled ahead of time, where
/// reflection-based serialization is off. One source file, compiled into each library that writes such JSON (linked
/// from src/Shared): the health check's body, a recording's data, a Vosk grammar.
/// </summary>
internal static class JsonText
{
    /// <summary>What <paramref name="write"/> writes, as UTF-8.</summary>
    public static byte[] Utf8(Action<Utf8JsonWriter> write, JsonWriterOptions options = default) =>
        Write(write, options).WrittenSpan.ToArray();

    /// <summary>What <paramref name="write"/> writes, as a string.</summary>
    public static string String(Action<Utf8JsonWriter> write, JsonWriterOptions options = default) =>
        Encoding.UTF8.GetString(Write(write, options).WrittenSpan);

    private static ArrayBufferWriter<byte> Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            write(json);
        }

        return buffer;
    }
}
