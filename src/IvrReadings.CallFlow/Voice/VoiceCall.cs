using IvrReadings.CallFlow.Runner;
using IvrReadings.Speech.Numbers;

namespace IvrReadings.CallFlow.Voice;

/// <summary>One voice call as its shell knows it: the journal, who calls in which language, and where the flow is.</summary>
internal sealed class VoiceCall(CallJournal journal, string? callerId, SpeechLanguage language, ReadingsBackend backend)
{
    public CallJournal Journal { get; } = journal;

    public string CallId => Journal.CallId;

    public string? CallerId { get; } = callerId;

    public SpeechLanguage Language { get; } = language;

    public ReadingsBackend Backend { get; } = backend;

    /// <summary>What was heard per recording, to keep when it is settled.</summary>
    public Dictionary<long, (string? Text, string? Json)> Heard { get; } = [];

    /// <summary>Where the call is (kept here so a hangup knows the step it interrupted).</summary>
    public required VoiceState State { get; set; }

    public int StoredCount { get; set; }

    public int RecordingCount { get; set; }
}
