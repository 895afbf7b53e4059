using SolarHub.Configuration;

namespace SolarHub.Mqtt;

/// <summary>
/// The topic names SolarHub publishes to, all below the configured base topic. Bank ids become one topic level
/// each: characters other than letters, digits, <c>-</c> and <c>_</c> are written as <c>_</c>, so an id can never
/// add a level or a wildcard.
/// </summary>
public sealed class MqttTopics(MqttConfig config)
{
    public string Base { get; } = config.BaseTopic;

    /// <summary>The hub's own status (online, or offline as its last will).</summary>
    public string Status => $"{Base}/status";

    public string BankState(string bankId) => $"{Base}/{Segment(bankId)}/state";
    public string BankAvailability(string bankId) => $"{Base}/{Segment(bankId)}/availability";
    public string PackState(string bankId, byte address) => $"{Base}/{Segment(bankId)}/pack{address}/state";
    public string PackAvailability(string bankId, byte address) => $"{Base}/{Segment(bankId)}/pack{address}/availability";
    public string BankEnergy(string bankId) => $"{Base}/{Segment(bankId)}/energy";
    public string PackEnergy(string bankId, byte address) => $"{Base}/{Segment(bankId)}/pack{address}/energy";

    /// <summary>Identifies this hub's entities in Home Assistant: the base topic, made safe.</summary>
    public string IdPrefix => Segment(Base);

    public string BankDeviceId(string bankId) => $"{IdPrefix}_{Segment(bankId)}";
    public string PackDeviceId(string bankId, byte address) => $"{BankDeviceId(bankId)}_pack{address}";

    public const string Online = "online";
    public const string Offline = "offline";

    public static string Segment(string text)
    {
        if (text.Length == 0) return "_";
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_';
            }
        });
    }
}
