using IvrReadings.CallFlow.Voice;

namespace IvrReadings.CallFlow.Tests.Voice;

public sealed class RecordingPathsTests
{
    [Theory]
    [InlineData("1795313187.42", "1795313187.42")]
    [InlineData("../../etc/passwd", "_._.._etc_passwd")]
    [InlineData("..", "_.")]
    [InlineData("/abs", "_abs")]
    [InlineData("", "unknown")]
    [InlineData("a/b\\c\0d", "a_b_c_d")]
    public void A_call_id_never_leaves_its_folder(string callId, string segment) =>
        Assert.Equal(segment, RecordingPaths.Segment(callId));

    [Fact]
    public void Names_are_call_step_and_number_under_both_directories()
    {
        var paths = new RecordingPaths("rec", "/var/spool/asterisk/ivr");
        Assert.Equal(Path.GetFullPath("rec"), paths.Directory);
        var relative = RecordingPaths.Relative("17.3", "confirm-reading", 4);
        Assert.Equal("17.3/confirm-reading-4", relative);
        Assert.Equal("/var/spool/asterisk/ivr/17.3/confirm-reading-4", paths.AsteriskPath(relative));
        Assert.Equal(Path.Combine(Path.GetFullPath("rec"), "17.3", "confirm-reading-4.wav"), paths.Resolve(relative + ".wav"));
        Assert.Null(paths.Resolve("../x.wav"));
        Assert.Null(paths.Resolve("/etc/passwd"));
    }

    [Fact]
    public void Without_an_asterisk_directory_both_are_the_same()
    {
        var paths = new RecordingPaths("recordings");
        Assert.Equal(paths.Directory, paths.AsteriskDirectory);
        Assert.True(Path.IsPathRooted(paths.Directory));
    }
}
