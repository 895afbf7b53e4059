using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator;

/// <summary>
/// The JK master's traffic: it polls every pack in turn for cell info (0x1620); on the first cycle and then every
/// <see cref="SimulatorOptions.SlowPollEvery"/> cycles it first asks each pack for device info (0x161C) and
/// settings (0x161E). Each <see cref="WriteNext"/> writes one poll and the answer, if any. Pacing is the caller's
/// business. Not thread-safe (one bus, one master).
/// </summary>
public sealed class JkMasterBus
{
    /// <summary>Room <see cref="WriteNext"/> needs: poll, frame and acknowledgement.</summary>
    public const int MaxTransactionLength = ModbusMessages.PollLength + JkFrame.Length + ModbusMessages.AcknowledgementLength;

    private static readonly ushort[] SlowCycle = [JkRegister.DeviceInfo, JkRegister.Settings, JkRegister.CellInfo];
    private static readonly ushort[] FastCycle = [JkRegister.CellInfo];

    private int _packIndex;
    private int _registerIndex;

    public JkMasterBus(SimulatedBank bank) => Bank = bank;

    public SimulatedBank Bank { get; }

    /// <summary>Completed polling cycles (every pack polled once for cell info).</summary>
    public long Cycle { get; private set; }

    /// <summary>The next poll begins a cycle of settings and device-info polls.</summary>
    public bool AtSlowCycleStart => _packIndex == 0 && _registerIndex == 0 && CurrentRegisters == SlowCycle;

    private ushort[] CurrentRegisters =>
        Cycle == 0 || (Bank.Options.SlowPollEvery > 0 && Cycle % Bank.Options.SlowPollEvery == 0) ? SlowCycle : FastCycle;

    /// <summary>Writes the next poll and, when the pack answers, its frame and acknowledgement.</summary>
    /// <param name="destination">At least <see cref="MaxTransactionLength"/> bytes.</param>
    public BusTransaction WriteNext(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxTransactionLength, nameof(destination));
        var registers = CurrentRegisters;
        byte address = Bank.Addresses[_packIndex];
        ushort register = registers[_registerIndex];

        int poll = Bank.WritePoll(destination, address, register);
        int answer = Bank.WriteAnswer(destination[poll..], address, register);
        byte counter = answer > 0 ? destination[poll + JkFrame.CounterOffset] : (byte)0;

        if (++_registerIndex == registers.Length)
        {
            _registerIndex = 0;
            if (++_packIndex == Bank.Addresses.Count)
            {
                _packIndex = 0;
                Cycle++;
            }
        }
        return new BusTransaction(address, register, counter, answer > 0);
    }
}
