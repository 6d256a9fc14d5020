namespace IvrReadings.AsteriskSim;
