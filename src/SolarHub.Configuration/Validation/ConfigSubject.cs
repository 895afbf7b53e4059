namespace SolarHub.Configuration.Validation;

/// <summary>Where in a <see cref="HubConfig"/> an issue lies, by position, so any source can find its own line for it.</summary>
/// <param name="BankIndex">Index in <see cref="HubConfig.Banks"/>.</param>
/// <param name="AdapterIndex">Index in the bank's <see cref="BankConfig.Adapters"/>, for adapter fields.</param>
/// <param name="PackIndex">Index in the bank's <see cref="BankConfig.Packs"/>, for pack fields.</param>
public sealed record ConfigSubject(int BankIndex, ConfigField Field, int? AdapterIndex = null, int? PackIndex = null);
