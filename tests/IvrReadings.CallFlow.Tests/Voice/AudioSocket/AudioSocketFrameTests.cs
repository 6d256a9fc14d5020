using System.Buffers;
using IvrReadings.CallFlow.Voice.AudioSocket;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.CallFlow.Tests.Voice.AudioSocket;

/// <summary>The AudioSocket wire format, parsed from every prefix and in one-byte segments.</summary>
public sealed class AudioSocketFrameTests
{
    [Fact]
    public void The_uuid_message_is_the_uuid_in_rfc_byte_order()
    {
        var id = Guid.Parse("6870788c-8083-4795-bc9e-9ff0644d5cbc");
        var message = AudioSocketFrame.Uuid(id);

        Assert.Equal([0x01, 0x00, 0x10, 0x68, 0x70, 0x78, 0x8c, 0x80, 0x83], message[..9]);
        var buffer = new ReadOnlySequence<byte>(message);
        Assert.True(AudioSocketFrame.TryRead(ref buffer, out var kind, out var payload));
        Assert.Equal((AudioSocketKind.Uuid, id), (kind, AudioSocketFrame.ReadUuid(payload)));
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Silence_and_hangup_are_what_asterisk_expects()
    {
        Assert.Equal([0x10, 0x01, 0x40], AudioSocketFrame.Silence[..3]); // 320 bytes: 20 ms at 8 kHz
        Assert.Equal(323, AudioSocketFrame.Silence.Length);
        Assert.Equal([0x00, 0x00, 0x00], AudioSocketFrame.HangupMessage);
    }

    [Fact]
    public void Every_prefix_waits_and_one_byte_segments_give_the_same_messages()
    {
        byte[] audio = [1, 2, 3, 4];
        var stream = AudioSocketFrame.Uuid(Guid.NewGuid()).Concat(AudioSocketFrame.Write(AudioSocketKind.Audio, audio)).Concat(AudioSocketFrame.HangupMessage).ToArray();

        for (var cut = 0; cut < 19; cut++)
        {
            var prefix = new ReadOnlySequence<byte>(stream, 0, cut);
            Assert.False(AudioSocketFrame.TryRead(ref prefix, out _, out _));
            Assert.Equal(cut, prefix.Length);
        }

        var segmented = Segments.OneBytePerSegment(stream);
        var kinds = new List<AudioSocketKind>();
        while (AudioSocketFrame.TryRead(ref segmented, out var kind, out var payload))
        {
            kinds.Add(kind);
            if (kind == AudioSocketKind.Audio)
            {
                Assert.Equal(audio, payload.ToArray());
            }
        }

        Assert.Equal([AudioSocketKind.Uuid, AudioSocketKind.Audio, AudioSocketKind.Hangup], kinds);
    }
}
