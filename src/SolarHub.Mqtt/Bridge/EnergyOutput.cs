using SolarHub.Core.Telemetry;

namespace SolarHub.Mqtt.Bridge;

/// <summary>A bank's energy counters on MQTT: the latest stored ones, and whether they were said since they came.</summary>
internal sealed class EnergyOutput
{
    public BankEnergy? Latest { get; private set; }
    public bool Dirty { get; set; }

    /// <summary>Takes counters written later than the ones held (a relayed message can overtake another); older ones are ignored.</summary>
    public void Update(BankEnergy energy)
    {
        if (Latest is { } held && energy.At < held.At) return;
        Latest = energy;
        Dirty = true;
    }

    /// <summary>After a (re)connect the broker may have lost the retained counters: say them again.</summary>
    public void ForgetWhatWasSaid() => Dirty = Latest is not null;
}
