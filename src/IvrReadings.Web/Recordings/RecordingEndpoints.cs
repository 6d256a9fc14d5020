using IvrReadings.Domain;

namespace IvrReadings.Web.Recordings;

/// <summary>
/// A recording by id only, streamed with range support so the browser's player can seek; never cached. This server's
/// file when it has one, else the audio kept in the database (a call taken by another server, Asterisk on another host).
/// </summary>
internal static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/recordings/{id}", async (string id, IRecordingStore store, RecordingFileResolver files, HttpContext http) =>
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var recordingId))
            {
                return Results.NotFound();
            }

            var recording = await store.GetAsync(recordingId, http.RequestAborted);
            if (recording is null)
            {
                return Results.NotFound();
            }

            // Callers' voices must not stay in a shared workstation's cache.
            http.Response.Headers.CacheControl = "no-store";
            var path = files.Resolve(recording.FilePath);
            if (path is not null)
            {
                return Results.File(path, ContentType(path), enableRangeProcessing: true);
            }

            return recording.AudioInDatabase && await store.AudioAsync(recordingId, http.RequestAborted) is { } audio
                ? Results.File(audio.Bytes, audio.ContentType, enableRangeProcessing: true)
                : Results.NotFound();
        });

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".wav" => "audio/wav",
        ".gsm" => "audio/x-gsm",
        ".mp3" => "audio/mpeg",
        ".ogg" or ".oga" => "audio/ogg",
        _ => "application/octet-stream",
    };
}
