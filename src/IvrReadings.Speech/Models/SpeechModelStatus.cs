using IvrReadings.Speech.Numbers;

namespace IvrReadings.Speech.Models;

/// <summary>Whether a language can be recognized, for /health and the startup log.</summary>
public sealed record SpeechModelStatus(
    SpeechLanguage Language,
    bool ModelAvailable,
    string? ModelName,
    string? ModelPath,
    string Reason);
