namespace IvrReadings.Speech.Vosk;

/// <summary>A loaded Vosk model: hundreds of megabytes of memory, loaded once and shared.</summary>
public sealed class VoskModel : IDisposable
{
    private readonly VoskModelHandle _handle;

    private VoskModel(VoskModelHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    internal VoskModelHandle Handle => _handle;

    /// <summary>Loads the model at <paramref name="path"/>, or throws <see cref="SpeechEngineUnavailableException"/>.</summary>
    public static VoskModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        VoskLibrary.EnsureLoaded();
        var handle = VoskNative.vosk_model_new(path);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new SpeechEngineUnavailableException(
                $"Vosk could not load a model from '{path}' (missing or incomplete model directory)");
        }

        return new VoskModel(handle, path);
    }

    /// <summary>Whether the model's vocabulary has the word; grammar words outside it are dropped.</summary>
    public bool HasWord(string word) => VoskNative.vosk_model_find_word(_handle, word) >= 0;

    public void Dispose() => _handle.Dispose();
}
