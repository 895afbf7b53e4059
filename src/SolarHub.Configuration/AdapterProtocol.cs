namespace SolarHub.Configuration;

/// <summary>How an adapter talks to the bus.</summary>
public enum AdapterProtocol
{
    /// <summary><c>jk-passive</c>: sniffs a JK master's polls and the slaves' answers; never transmits.</summary>
    JkPassive,
    /// <summary><c>jk-active</c>: no JK master on the bus; the hub polls each pack itself.</summary>
    JkActive,
}
