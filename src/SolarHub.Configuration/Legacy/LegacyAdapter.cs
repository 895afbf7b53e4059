using YamlDotNet.Core;

namespace SolarHub.Configuration.Legacy;

/// <summary>An adapter read from the legacy file, with what is needed to point back at its lines.</summary>
/// <param name="Path">e.g. <c>battery_banks[bank-1].adapters[adapter-2]</c>.</param>
/// <param name="EntryMark">Where the adapter mapping starts.</param>
/// <param name="PriorityMark">Where its priority is written (or the entry, when it is the default).</param>
/// <param name="Fields">The adapter mapping's keys, to locate any of them.</param>
internal sealed record LegacyAdapter(
    AdapterConfig Config,
    string Path,
    Mark EntryMark,
    Mark PriorityMark,
    YamlFields Fields,
    LegacyPackPlan Packs);
