using Akka.Actor;
using SolarHub.Core.Telemetry;
using SolarHub.History.Energy;
using static SolarHub.History.Tests.Energy.EnergyLedgerTests;

namespace SolarHub.History.Tests.Energy;

/// <summary>The meter follows the event stream, writes, publishes what is stored, and loses nothing when a write fails.</summary>
public sealed class EnergyMeterTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counted_energy_is_written_then_published_as_stored_and_a_failed_write_is_retried_with_nothing_lost()
    {
        var store = new FlakyStore { FailNext = 1 };
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published, typeof(BankEnergy));
        var meter = Sys.ActorOf(EnergyMeter.Props(store, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)));
        Ask(meter).Banks.Should().BeEmpty("nothing counted yet (and the answer says the meter follows the event stream)");

        // 3600 W for 10 s = 10 Wh, in two intervals; the first write fails. Published readings and asks reach the
        // meter's mailbox in the order they are sent from this thread.
        Sys.EventStream.Publish(Reading("b", 1, T0, 50, 72));
        Sys.EventStream.Publish(Reading("b", 1, T0.AddSeconds(5), 50, 72));
        Write(meter).Should().BeFalse();
        published.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Sys.EventStream.Publish(Reading("b", 1, T0.AddSeconds(10), 50, 72));

        Write(meter).Should().BeTrue();
        store.ChargedWh.Should().BeApproximately(10, 1e-9);
        var energy = published.FishForMessage<BankEnergy>(e => Math.Abs(e.ChargedKwh - 0.010) < 1e-9, TimeSpan.FromSeconds(5));
        energy.Packs.Should().ContainSingle().Which.ChargedKwh.Should().BeApproximately(0.010, 1e-12);
        Ask(meter).Banks.Should().ContainSingle().Which.ChargedKwh.Should().BeApproximately(0.010, 1e-12);
    }

    [Fact]
    public void A_bank_that_left_this_node_on_the_event_stream_is_not_bridged_to_its_return()
    {
        var store = new FlakyStore();
        var meter = Sys.ActorOf(EnergyMeter.Props(store, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)));
        Ask(meter);

        // 3600 W for 5 s = 5 Wh here; the bank then ran elsewhere for 20 s and came back.
        Sys.EventStream.Publish(Reading("b", 1, T0, 50, 72));
        Sys.EventStream.Publish(Reading("b", 1, T0.AddSeconds(5), 50, 72));
        Sys.EventStream.Publish(new BankLeftNode("b"));
        Sys.EventStream.Publish(Reading("b", 1, T0.AddSeconds(25), 50, 72));

        Write(meter).Should().BeTrue();
        store.ChargedWh.Should().BeApproximately(5, 1e-9, "the 20 s the other node counted are not counted again");
    }

    private static bool Write(IActorRef meter) => meter.Ask<EnergyWritten>(WriteEnergy.Instance, TimeSpan.FromSeconds(5)).Result.Ok;

    private static EnergyCounters Ask(IActorRef meter) => meter.Ask<EnergyCounters>(GetEnergyCounters.Instance, TimeSpan.FromSeconds(3)).Result;

    /// <summary>A store that keeps one bank's sums in memory and fails when told to.</summary>
    private sealed class FlakyStore : IEnergyStore
    {
        private readonly object _gate = new();
        public int FailNext;
        public double ChargedWh;

        public Task<IReadOnlyList<BankEnergy>> AddAsync(IReadOnlyDictionary<EnergyKey, EnergyDelta> energy, DateTimeOffset now, CancellationToken ct = default)
        {
            lock (_gate)
            {
                if (FailNext > 0 && energy.Values.Sum(d => d.ChargedWh) > 0)
                {
                    FailNext--;
                    return Task.FromException<IReadOnlyList<BankEnergy>>(new IOException("disk I/O error"));
                }
                ChargedWh += energy.Values.Sum(d => d.ChargedWh);
                IReadOnlyList<BankEnergy> stored = [new BankEnergy("b", now, ChargedWh / 1000, 0, [new PackEnergy(1, ChargedWh / 1000, 0)])];
                return Task.FromResult(stored);
            }
        }

        public Task<IReadOnlyList<BankEnergy>> ReadTotalsAsync(string? bankId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<EnergyDay>> ReadDaysAsync(string bankId, byte? pack, DateOnly from, DateOnly to, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
