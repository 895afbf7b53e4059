namespace SolarHub.History;
