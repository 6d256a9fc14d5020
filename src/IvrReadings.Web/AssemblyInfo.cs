namespace IvrReadings.Web;
