namespace IvrReadings.CallFlow;
