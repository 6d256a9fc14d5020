using IvrReadings.Domain;

namespace IvrReadings.CallFlow.Voice;

/// <summary>
/// Where this server reads a recording: its own file in <c>Recordings:Directory</c>, else the audio kept in the
/// database, written there first. So any server recognizes any recording (the queue), whichever server took the call
/// and wherever Asterisk runs, with no shared directory.
/// </summary>
public sealed class RecordingCopies(IRecordingStore recordings, RecordingPaths paths)
{
    /// <summary>The recording's local file, fetched from the database when this server has none; null when neither has it.</summary>
    public async Task<string?> LocalFileAsync(long recordingId, string relative, CancellationToken ct)
    {
        var file = paths.Resolve(relative);
        if (file is null)
        {
            return null;
        }

        if (File.Exists(file))
        {
            return file;
        }

        if (await recordings.AudioAsync(recordingId, ct).ConfigureAwait(false) is not { } audio)
        {
            return null;
        }

        // Written aside and moved in, so a reader never sees half a file.
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var part = $"{file}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(part, audio.Bytes, ct).ConfigureAwait(false);
        File.Move(part, file, overwrite: true);
        return file;
    }
}
