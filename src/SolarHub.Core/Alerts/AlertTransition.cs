namespace SolarHub.Core.Alerts;

/// <summary>What one observation did to an <see cref="AlertCondition"/>.</summary>
public enum AlertTransition
{
    None,
    Raised,
    Cleared,
}
