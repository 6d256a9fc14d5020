namespace IvrReadings.FastAgi;
