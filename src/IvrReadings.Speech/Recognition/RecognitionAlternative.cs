namespace IvrReadings.Speech.Recognition;

/// <summary>
/// One hypothesis. <see cref="Confidence"/> is a share in [0, 1] over the N-best list (Vosk's raw
/// lattice scores are turned into shares so that thresholds mean the same for every engine);
/// <see cref="Score"/> keeps the engine's own number for the record.
/// </summary>
public sealed record RecognitionAlternative(string Text, double Confidence, double? Score = null);
