using Microsoft.Win32.SafeHandles;

namespace IvrReadings.Speech.Vosk;

/// <summary>Owns a VoskRecognizer*: one per recognition, never shared between threads.</summary>
internal sealed class VoskRecognizerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public VoskRecognizerHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        VoskNative.vosk_recognizer_free(handle);
        return true;
    }
}
