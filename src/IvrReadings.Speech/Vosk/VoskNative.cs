using System.Runtime.InteropServices;

namespace IvrReadings.Speech.Vosk;

/// <summary>
/// The libvosk C API, one function a line. Result strings are owned by the recognizer and stay
/// valid until its next call, so they come back as pointers and are copied, never freed here
/// (a string-returning import would free them).
/// </summary>
internal static unsafe partial class VoskNative
{
    public const string Library = "vosk";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial VoskModelHandle vosk_model_new(string modelPath);

    [LibraryImport(Library)]
    internal static partial void vosk_model_free(nint model);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vosk_model_find_word(VoskModelHandle model, string word);

    [LibraryImport(Library)]
    internal static partial VoskRecognizerHandle vosk_recognizer_new(VoskModelHandle model, float sampleRate);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial VoskRecognizerHandle vosk_recognizer_new_grm(VoskModelHandle model, float sampleRate, string grammar);

    [LibraryImport(Library)]
    internal static partial void vosk_recognizer_set_max_alternatives(VoskRecognizerHandle recognizer, int maxAlternatives);

    [LibraryImport(Library)]
    internal static partial void vosk_recognizer_set_words(VoskRecognizerHandle recognizer, int words);

    [LibraryImport(Library)]
    internal static partial int vosk_recognizer_accept_waveform(VoskRecognizerHandle recognizer, byte* data, int length);

    [LibraryImport(Library)]
    internal static partial nint vosk_recognizer_result(VoskRecognizerHandle recognizer);

    [LibraryImport(Library)]
    internal static partial nint vosk_recognizer_partial_result(VoskRecognizerHandle recognizer);

    [LibraryImport(Library)]
    internal static partial nint vosk_recognizer_final_result(VoskRecognizerHandle recognizer);

    [LibraryImport(Library)]
    internal static partial void vosk_recognizer_free(nint recognizer);

    [LibraryImport(Library)]
    internal static partial void vosk_set_log_level(int logLevel);
}
