using System.Runtime.CompilerServices;

// The bridge's plain classes stay internal (they are not the library's API) but are tested without a broker.
[assembly: InternalsVisibleTo("SolarHub.Mqtt.Tests")]
