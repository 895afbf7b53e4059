namespace SolarHub.Configuration.Legacy;

/// <summary>A bank read from the legacy file, with what is needed to point back at its lines.</summary>
/// <param name="Path">e.g. <c>battery_banks[bank-1]</c>, or <c>battery_bank</c> for the deprecated single bank.</param>
/// <param name="AdaptersKey"><c>adapter</c> or <c>adapters</c>, whichever the bank uses.</param>
/// <param name="Adapters">The readable adapters, in the same order as <see cref="BankConfig.Adapters"/>.</param>
/// <param name="PackSource">The adapter the bank's packs were taken from.</param>
/// <param name="HasUnreadableAdapters">An adapter entry was reported and left out, so "no enabled adapter"/"no pack" would only repeat that.</param>
internal sealed record LegacyBank(
    BankConfig Config,
    string Path,
    YamlFields Fields,
    string AdaptersKey,
    IReadOnlyList<LegacyAdapter> Adapters,
    LegacyAdapter? PackSource,
    bool HasUnreadableAdapters);
