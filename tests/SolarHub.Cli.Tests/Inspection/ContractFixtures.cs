namespace SolarHub.Cli.Tests.Inspection;

/// <summary>Answers shaped like docs/api.md's contract (camelCase, enums as strings), for the stub node.</summary>
public static class ContractFixtures
{
    public const string Banks = """
        [
          {"id":"house","name":"House bank","state":"Degraded","activeAdapter":"secondary","packsFresh":3,"packsTotal":4,
           "soc":81.5,"power":-1234.4,"voltage":52.1,"current":-23.7,"adaptersHealthy":1,"adaptersTotal":2},
          {"id":"garage","name":"Garage","state":"Down","activeAdapter":null,"packsFresh":0,"packsTotal":2,"soc":40,"power":0}
        ]
        """;

    public static string House(DateTimeOffset now) => $$$"""
        {"id":"house","name":"House bank","state":"Degraded","activeAdapter":"secondary","forcedAdapter":null,"failoverCount":14,
         "adapters":[
           {"id":"primary","description":"primary (jk-passive tcp://10.0.0.5:8899, priority 1)","priority":1,"enabled":true,"active":false,
            "state":"Restarting","stateReason":"connection reset","lastHeartbeat":"{{{At(now, -42)}}}","lastFrameAt":"{{{At(now, -40)}}}","healthySince":null,
            "bytes":123456,"frames":4321,"checksumErrors":7,"discardedBytes":96,"restarts":3,"lastError":"Connection reset by peer","protocol":"JkPassive","transport":"tcp://10.0.0.5:8899"},
           {"id":"secondary","description":"secondary (jk-active tcp://10.0.0.6:8899, priority 2)","priority":2,"enabled":true,"active":true,
            "state":"Healthy","stateReason":"complete set of fresh data","lastHeartbeat":"{{{At(now, -1)}}}","lastFrameAt":"{{{At(now, -1)}}}","healthySince":"{{{At(now, -39)}}}",
            "bytes":98765,"frames":3210,"checksumErrors":0,"restarts":0,"lastError":null,"protocol":"JkActive","transport":"tcp://10.0.0.6:8899"}
         ],
         "packs":[
           {"address":1,"updatedAt":"{{{At(now, -1)}}}","stale":false,"values":{"bankId":"house","address":1,"adapterId":"secondary","updatedAt":"{{{At(now, -1)}}}","stale":false,
             "cells":[3.301,3.322],"cellMin":3.301,"cellMax":3.322,"cellDelta":0.021,"packVoltage":53.12,"current":-5.5,"power":-292.2,"soc":82,"soh":99,
             "remainingCapacity":230,"fullCapacity":280,"cycles":12,"mosTemperature":27.5,"temperatures":[24.5,25.5],"alarms":[],"charging":true,"discharging":true,"balancing":false}},
           {"address":2,"updatedAt":"{{{At(now, -50)}}}","stale":true,"values":{"bankId":"house","address":2,"adapterId":"primary","updatedAt":"{{{At(now, -50)}}}","stale":true,
             "cells":[3.201,3.288],"cellMin":3.201,"cellMax":3.288,"cellDelta":0.087,"packVoltage":51.9,"current":0,"power":0,"soc":61,"soh":97,
             "remainingCapacity":170,"fullCapacity":280,"cycles":40,"mosTemperature":null,"temperatures":[22.0],"alarms":["CellUndervoltage"],"charging":false,"discharging":true,"balancing":true}},
           {"address":3,"updatedAt":null,"stale":true,"values":null}
         ],
         "totals":{"bankId":"house","at":"{{{At(now, -1)}}}","state":"Degraded","activeAdapter":"secondary","packsFresh":1,"packsTotal":3,"stale":false,
           "voltage":53.12,"current":-5.5,"power":-292.2,"soc":82,"remainingCapacity":230,"fullCapacity":280,"cellMin":3.301,"cellMax":3.322,
           "temperatureMin":24.5,"temperatureMax":25.5,"alarms":[]},
         "failovers":[
           {"bankId":"house","at":"{{{At(now, -3600)}}}","from":"primary","to":"secondary","reason":"loop dead","isFailback":false,"durationMs":5200,"previousActiveMs":null},
           {"bankId":"house","at":"{{{At(now, -3000)}}}","from":"secondary","to":"primary","reason":"preferred adapter healthy again","isFailback":true,"durationMs":0,"previousActiveMs":600000},
           {"bankId":"house","at":"{{{At(now, -40)}}}","from":"primary","to":"secondary","reason":"silent past the data deadline","isFailback":false,"durationMs":3100,"previousActiveMs":2960000}
         ]}
        """;

    public const string Actors = """
        {"path":"akka://solarhub/user","name":"user","role":"user guardian","children":[
          {"path":"akka://solarhub/user/solarhub-banks","name":"solarhub-banks","role":"bank registry","children":[
            {"path":"akka://solarhub/user/solarhub-banks/bank-house","name":"bank-house","role":"bank supervisor (house)","children":[
              {"path":"akka://solarhub/user/solarhub-banks/bank-house/adapter-primary-1","name":"adapter-primary-1","role":"adapter primary (jk-passive)","children":[]},
              {"path":"akka://solarhub/user/solarhub-banks/bank-house/adapter-secondary-1","name":"adapter-secondary-1","role":"adapter secondary (jk-active)","children":[]}
            ]}
          ]},
          {"path":"akka://solarhub/user/config-store","name":"config-store","role":"configuration store","children":[]}
        ]}
        """;

    public static (string Kind, string Json)[] Events(DateTimeOffset now) =>
    [
        ("bank-telemetry", $$"""{"bankId":"house","at":"{{At(now, 0)}}","state":"Healthy","activeAdapter":"primary","packsFresh":4,"packsTotal":4,"stale":false,"voltage":53.2,"current":-12.3,"power":-654.4,"soc":78,"remainingCapacity":218,"fullCapacity":280,"cellMin":3.3,"cellMax":3.33,"temperatureMin":24,"temperatureMax":26,"alarms":[]}"""),
        ("pack-telemetry", $$"""{"bankId":"house","address":2,"adapterId":"primary","updatedAt":"{{At(now, 0)}}","stale":false,"cells":[3.3,3.31],"cellMin":3.3,"cellMax":3.31,"cellDelta":0.01,"packVoltage":53.2,"current":-3.1,"power":-165,"soc":77,"soh":99,"remainingCapacity":60,"fullCapacity":70,"cycles":5,"mosTemperature":25,"temperatures":[24],"alarms":[],"charging":true,"discharging":true,"balancing":false}"""),
        ("adapter-state", $$"""{"bankId":"house","adapterId":"primary","at":"{{At(now, 0)}}","from":"Healthy","to":"Silent","reason":"no valid frame for 3 s"}"""),
        ("failover", $$"""{"bankId":"house","at":"{{At(now, 0)}}","from":"primary","to":"secondary","reason":"silent past the data deadline","isFailback":false,"durationMs":3100,"previousActiveMs":60000}"""),
        ("bank-alarm", $$"""{"bankId":"house","at":"{{At(now, 0)}}","kind":"PackStale","message":"pack 2 sent nothing for 10 s","cleared":false}"""),
        ("failover", $$"""{"bankId":"garage","at":"{{At(now, 0)}}","from":"a","to":"b","reason":"loop dead","isFailback":false,"durationMs":4000}"""),
    ];

    private static string At(DateTimeOffset now, int seconds) => now.AddSeconds(seconds).ToString("O");
}
