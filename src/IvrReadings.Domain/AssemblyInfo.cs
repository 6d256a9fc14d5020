namespace IvrReadings.Domain;
