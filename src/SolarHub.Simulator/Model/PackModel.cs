using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator;

/// <summary>
/// One simulated LFP pack: owns a <see cref="PackState"/> and makes it drift the way a real bank does. The current
/// wanders between charge and discharge, the SOC integrates it, cell voltages follow an LFP open-circuit curve plus
/// the I·R drop, temperatures rise with the current. Everything comes from a seeded <see cref="Random"/>, so the
/// same seed and the same sequence of <see cref="Advance"/> calls give the same values. Not thread-safe.
/// </summary>
public sealed class PackModel
{
    // LFP open-circuit voltage by SOC: flat between 20 and 90 %, steep at both ends.
    private static readonly (double Soc, double Mv)[] OcvCurve =
    [
        (0, 3000), (5, 3180), (10, 3220), (20, 3260), (30, 3280), (40, 3290), (50, 3300),
        (60, 3310), (70, 3325), (80, 3335), (90, 3345), (95, 3370), (100, 3420),
    ];

    private const double MaxStepSeconds = 1.0;

    private readonly Random _random;
    private readonly double[] _cellOffsetMv;
    private readonly double[] _cellInternalMilliohm;
    private readonly double[] _sensorOffset = new double[PackState.MaxTemperatures];
    private readonly double[] _sensorDrift = new double[PackState.MaxTemperatures];
    private readonly uint _initialCycles;
    private readonly uint _initialCycledMah;
    private readonly double _initialRuntime;
    private double _currentA, _targetCurrentA, _retargetInSeconds, _remainingAh, _cycledAh, _elapsedSeconds;

    /// <param name="address">Bus address of the pack.</param>
    /// <param name="seed">Bus seed; each address derives its own stream from it.</param>
    /// <param name="layout">Decides the identity the pack reports (JK-PB for JK02_32S, B2A24S for JK02_24S).</param>
    /// <param name="cellCount">Series cells.</param>
    public PackModel(byte address, int seed, JkLayout layout = JkLayout.JK02_32S, int cellCount = 16)
    {
        _random = new Random(unchecked(seed * 1_000_003 + address * 7919 + 17));
        State = new PackState(address, cellCount);
        var s = State;
        double fullAh = s.FullCapacityMah / 1000.0;

        _cellOffsetMv = new double[cellCount];
        _cellInternalMilliohm = new double[cellCount];
        for (int i = 0; i < cellCount; i++)
        {
            _cellOffsetMv[i] = (_random.NextDouble() - 0.5) * 12; // a matched bank: ±6 mV
            _cellInternalMilliohm[i] = 0.5 + _random.NextDouble() * 0.3;
            s.CellResistancesMilliohm[i] = (short)(40 + _random.Next(50));
        }
        for (int k = 0; k < PackState.MaxTemperatures; k++) _sensorOffset[k] = k * 1.2 + _random.NextDouble();

        _remainingAh = fullAh * (0.4 + _random.NextDouble() * 0.4);
        _targetCurrentA = NewTarget(_remainingAh / fullAh);
        _currentA = _targetCurrentA * 0.5;
        _retargetInSeconds = 60 + _random.NextDouble() * 540;
        _initialCycles = (uint)(20 + _random.Next(300));
        _initialCycledMah = (uint)(_initialCycles * (uint)s.FullCapacityMah);
        _initialRuntime = 30_000_000 + _random.Next(60_000_000); // one to three years in service
        s.Soh = (byte)Math.Max(80, 100 - _initialCycles / 60);
        s.PowerOnCount = (uint)(3 + _random.Next(20));
        s.SerialNumber = $"{4_000_000_000L + _random.Next(1_000_000_000)}";
        s.DeviceName = $"Pack {address}";
        if (layout == JkLayout.JK02_24S)
        {
            s.Model = "JK_B2A24S15P";
            s.HardwareVersion = "10.XW";
            s.SoftwareVersion = "10.07";
        }
        s.Settings = s.Settings with { NominalCapacityMah = s.FullCapacityMah };
        Refresh();
    }

    public PackState State { get; }

    /// <summary>Values pinned by a fault; null when the pack drifts freely.</summary>
    public PackOverrides? Overrides { get; set; }

    /// <summary>Simulated time this pack has lived through.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(_elapsedSeconds);

    /// <summary>Lets <paramref name="elapsed"/> of simulated time pass, then refreshes <see cref="State"/>.</summary>
    public void Advance(TimeSpan elapsed)
    {
        double total = Math.Max(0, elapsed.TotalSeconds);
        int steps = (int)Math.Min(100_000, Math.Ceiling(total / MaxStepSeconds));
        for (int i = 0; i < steps; i++) Step(total / steps);
        Refresh();
    }

    private void Step(double h)
    {
        double fullAh = State.FullCapacityMah / 1000.0;
        double soc = _remainingAh / fullAh;
        _retargetInSeconds -= h;
        if (_retargetInSeconds <= 0)
        {
            _targetCurrentA = NewTarget(soc);
            _retargetInSeconds = 60 + _random.NextDouble() * 540;
        }
        // A full pack stops charging, an empty one stops discharging: turn around before the ends.
        if (soc > 0.97 && _targetCurrentA > 0) _targetCurrentA = -(5 + _random.NextDouble() * 50);
        if (soc < 0.10 && _targetCurrentA < 0) _targetCurrentA = 5 + _random.NextDouble() * 50;

        if (Overrides?.CurrentMa is { } pinnedMa)
            _currentA = _targetCurrentA = pinnedMa / 1000.0;
        else
            _currentA += (_targetCurrentA - _currentA) * Math.Min(1, h / 20) + (_random.NextDouble() - 0.5) * 0.4 * Math.Sqrt(h);

        _remainingAh = Math.Clamp(_remainingAh + _currentA * h / 3600, 0, fullAh);
        _cycledAh += Math.Abs(_currentA) * h / 3600;
        _elapsedSeconds += h;
        for (int k = 0; k < PackState.MaxTemperatures; k++)
            _sensorDrift[k] = Math.Clamp(_sensorDrift[k] + (_random.NextDouble() - 0.5) * 0.05 * Math.Sqrt(h), -3, 3);
    }

    private double NewTarget(double soc)
    {
        bool charge = soc < 0.3 || (soc < 0.9 && _random.NextDouble() < 0.5);
        return charge ? 5 + _random.NextDouble() * 60 : -(5 + _random.NextDouble() * 80);
    }

    private void Refresh()
    {
        var s = State;
        var pins = Overrides ?? default;
        double fullAh = s.FullCapacityMah / 1000.0;
        if (pins.Soc is { } pinnedSoc) _remainingAh = fullAh * Math.Min((byte)100, pinnedSoc) / 100.0;
        if (pins.CurrentMa is { } pinnedMa) _currentA = pinnedMa / 1000.0;

        double soc = _remainingAh / fullAh * 100;
        double ocv = Ocv(soc);
        for (int i = 0; i < s.CellCount; i++)
        {
            double mv = ocv + _currentA * _cellInternalMilliohm[i] + _cellOffsetMv[i] + _random.Next(-1, 2);
            s.CellVoltagesMv[i] = pins.CellVoltageMv ?? (short)Math.Clamp(Math.Round(mv), 2500, 3650);
        }

        s.CurrentMa = (int)Math.Round(_currentA * 1000);
        s.RemainingCapacityMah = (int)Math.Round(_remainingAh * 1000);
        s.Soc = pins.Soc ?? (byte)Math.Clamp(Math.Round(soc), 0, 100);
        s.TotalCycledCapacityMah = _initialCycledMah + (uint)(_cycledAh * 1000);
        s.Cycles = _initialCycles + (uint)(_cycledAh / fullAh);
        s.RuntimeSeconds = (uint)(_initialRuntime + _elapsedSeconds);

        double load = Math.Abs(_currentA);
        for (int k = 0; k < PackState.MaxTemperatures; k++)
        {
            double celsius = Math.Clamp(23 + _sensorOffset[k] + load * 0.05 + _sensorDrift[k], 20, 35);
            s.TemperaturesDeci[k] = pins.TemperatureDeci ?? (short)Math.Round(celsius * 10);
        }
        s.MosTemperatureDeci = pins.TemperatureDeci ?? (short)Math.Round(Math.Clamp(25 + load * 0.06 + _sensorDrift[0], 20, 45) * 10);

        // The balancer kicks in while charging once the spread exceeds the trigger delta.
        bool balancing = _currentA > 1 && s.DeltaCellMv >= s.Settings.BalanceTriggerDeltaMv;
        s.BalancerAction = balancing ? (byte)1 : (byte)0;
        s.BalanceCurrentMa = balancing ? (short)(300 + s.DeltaCellMv * 20) : (short)0;
        s.Alarms = pins.Alarms ?? 0;
    }

    private static double Ocv(double soc)
    {
        soc = Math.Clamp(soc, 0, 100);
        for (int i = 1; i < OcvCurve.Length; i++)
        {
            var (s1, v1) = OcvCurve[i];
            if (soc > s1) continue;
            var (s0, v0) = OcvCurve[i - 1];
            return v0 + (v1 - v0) * (soc - s0) / (s1 - s0);
        }
        return OcvCurve[^1].Mv;
    }
}
