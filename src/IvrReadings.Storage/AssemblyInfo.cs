namespace IvrReadings.Storage;
