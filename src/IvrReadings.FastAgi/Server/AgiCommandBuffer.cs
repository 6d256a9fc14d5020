using System.Buffers;

namespace IvrReadings.FastAgi;

/// <summary>Where a command is formatted: an array from the pool while it is written and sent (one command at a
/// time, under the gate), none while the call waits for the reply.</summary>
internal sealed class AgiCommandBuffer : IBufferWriter<byte>
{
    private byte[]? _array;
    private int _written;

    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

    private byte[] Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (_array is null || _array.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 256));
            if (_array is not null)
            {
                _array.AsSpan(0, _written).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = larger;
        }

        return _array;
    }

    /// <summary>The command went out (or failed): the array goes back.</summary>
    public void Release()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = null;
        }

        _written = 0;
    }
}
