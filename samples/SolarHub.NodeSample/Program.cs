using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SolarHub.Database;
using SolarHub.Node.Hosting;

// The whole SolarHub node inside an application of its own: the banks stored in the database (changes made with
// 'solarhub config --database <it>' apply live), history, MQTT, and SolarHub's HTTP API beside the application's own
// endpoints. Usage: SolarHub.NodeSample [--database data/solarhub.db] [--urls http://127.0.0.1:5090]
string Option(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(Option("--urls", "http://127.0.0.1:5090"));
builder.Services.AddSolarHubNode(new SolarHubNodeOptions { Database = ConfigDatabase.Parse(Option("--database", "data/solarhub.db")) });

var app = builder.Build();
// The node's dashboard is at /: the application's own endpoints live beside it.
app.MapGet("/app", () => "An application with a SolarHub node: see / (the dashboard), /health, /api/banks, /metrics");
app.MapSolarHubNode();
await app.RunAsync();
