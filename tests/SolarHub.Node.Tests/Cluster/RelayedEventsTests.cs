using System.Text.Json.Nodes;
using Akka.Actor;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SolarHub.Core.Telemetry;
using SolarHub.Node.Api;
using SolarHub.Node.Api.Events;

namespace SolarHub.Node.Tests.Cluster;

/// <summary>
/// <c>GET /api/events</c> of a cluster node: the events relayed from the other nodes are numbered with this node's own,
/// and every event names its node; a node outside a cluster streams exactly what it always did.
/// </summary>
public sealed class RelayedEventsTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly ActorSystem _system = ActorSystem.Create("relayed-events-test", "akka.loglevel = WARNING");
    private readonly JsonEventFormat _format = new(Options.Create(new JsonOptions()));

    [Fact]
    public void A_cluster_node_records_relayed_events_under_their_node_beside_its_own()
    {
        var recent = new RecentEvents(10, run: "r1");
        RecentEventsRecorder.Start(_system, recent, node: "n1");

        _system.EventStream.Publish(Alarm("own-bank"));
        _system.EventStream.Publish(new RelayedBankEvent("n2", Alarm("their-bank")));

        var events = recent.After("r1-0", _ => true).Events;
        events.Select(e => (e.Id, e.Kind, e.BankId, e.Node)).Should().Equal(
            ("r1-1", EventKinds.BankAlarm, "own-bank", "n1"),
            ("r1-2", EventKinds.BankAlarm, "their-bank", "n2"));
    }

    [Fact]
    public void The_node_is_one_more_field_and_the_others_are_unchanged()
    {
        var alarm = Alarm("bank-1");
        var plain = JsonNode.Parse(_format.Serialize(alarm))!.AsObject();

        var named = JsonNode.Parse(new ServerEvent(EventKinds.BankAlarm, alarm) { Node = "n2" }.Json(_format))!.AsObject();

        named["node"]!.GetValue<string>().Should().Be("n2");
        named.Remove("node");
        JsonNode.DeepEquals(named, plain).Should().BeTrue($"{named} keeps every field of {plain}");
    }

    [Fact]
    public void A_node_outside_a_cluster_streams_its_events_as_before()
    {
        var recent = new RecentEvents(10, run: "r1");
        RecentEventsRecorder.Start(_system, recent);

        _system.EventStream.Publish(Alarm("own-bank"));
        _system.EventStream.Publish(new RelayedBankEvent("n2", Alarm("their-bank")));

        var only = recent.After("r1-0", _ => true).Events.Should().ContainSingle().Subject;
        only.Json(_format).Should().Be(_format.Serialize(only.Data)).And.NotContain("\"node\"");
    }

    private static BankAlarm Alarm(string bank) => new(bank, At, BankAlarmKind.AllAdaptersDown, "no adapter delivers data", Cleared: false);

    public void Dispose() => _system.Dispose();
}
