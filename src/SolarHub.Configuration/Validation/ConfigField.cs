namespace SolarHub.Configuration.Validation;

/// <summary>Which field of the model a validation issue is about; sources map it to their own names and lines.</summary>
public enum ConfigField
{
    BankId,
    BankName,
    /// <summary>The bank's adapter list as a whole (e.g. none enabled).</summary>
    BankAdapters,
    /// <summary>The bank's pack list as a whole (e.g. empty).</summary>
    BankPacks,
    AdapterId,
    Priority,
    /// <summary>The adapter's transport as a whole (e.g. one its protocol cannot use).</summary>
    Transport,
    Host,
    Port,
    SerialPath,
    BaudRate,
    DataBits,
    StopBits,
    PollTimeout,
    PollGap,
    /// <summary>The cluster node the adapter's port is attached to.</summary>
    Node,
    PackAddress,
    PackCells,
}
