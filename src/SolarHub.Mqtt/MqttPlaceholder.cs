namespace SolarHub.Mqtt;
