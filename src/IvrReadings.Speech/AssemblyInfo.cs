namespace IvrReadings.Speech;
