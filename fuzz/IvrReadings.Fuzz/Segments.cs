using System.Buffers;

namespace IvrReadings.Fuzz;

/// <summary>The same bytes as the network may hand them over: one segment, or chunks of any size.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Whole(byte[] data) => new(data);

    /// <summary>Chunks of 1..<paramref name="chunk"/> bytes (varying), as a multi-segment sequence.</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] data, int chunk)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null, last = null;
        var size = 1;
        for (var at = 0; at < data.Length; at += size)
        {
            size = Math.Min(1 + (at % Math.Max(1, chunk)), data.Length - at);
            var segment = new Segment(data.AsMemory(at, size));
            if (first is null)
            {
                first = last = segment;
            }
            else
            {
                last = last!.Append(segment);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
