using Microsoft.Win32.SafeHandles;

namespace IvrReadings.Speech.Vosk;

/// <summary>Owns a VoskModel*; the model is shared by recognizers and freed once, last.</summary>
internal sealed class VoskModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public VoskModelHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        VoskNative.vosk_model_free(handle);
        return true;
    }
}
