using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;

namespace SolarHub.EmbeddingSample;

/// <summary>
/// An ordinary hosted service of the application that asks SolarHub's banks for their snapshots through the registry
/// (<see cref="IRequiredActor{TKey}"/> of <see cref="BankRegistryKey"/>), the way a web endpoint or a job would.
/// </summary>
public sealed class SnapshotReporter(IRequiredActor<BankRegistryKey> registry) : BackgroundService
{
    private static readonly TimeSpan FirstReport = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var banks = await registry.GetAsync(stoppingToken);
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] snapshot reporter: asking {banks.Path} every {Interval.TotalSeconds:0} s");
            await Task.Delay(FirstReport, stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await ReportAsync(banks, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private static async Task ReportAsync(IActorRef banks, CancellationToken stoppingToken)
    {
        try
        {
            var ids = await banks.Ask<BankIds>(GetBankIds.Instance, AskTimeout, stoppingToken);
            foreach (var id in ids.Ids)
            {
                // A bank answers BankSnapshot; an id that is not (or no longer) running answers BankNotFound.
                var answer = await banks.Ask<object>(new BankEnvelope(id, GetBankSnapshot.Instance), AskTimeout, stoppingToken);
                Console.WriteLine(answer switch
                {
                    BankSnapshot s => $"[{DateTime.Now:HH:mm:ss}] snapshot: {s.Id} {s.State} active={s.ActiveAdapter ?? "none"} " +
                        string.Join(", ", s.Adapters.Select(a => $"{a.Id} {a.State} {a.Frames} frames {a.Restarts} restarts")) +
                        $"; {s.Packs.Count(p => !p.Stale)}/{s.Packs.Count} packs fresh; {s.Failovers.Count} failovers",
                    BankNotFound n => $"[{DateTime.Now:HH:mm:ss}] snapshot: bank {n.BankId} is gone",
                    _ => $"[{DateTime.Now:HH:mm:ss}] snapshot: unexpected answer {answer}",
                });
            }
        }
        catch (AskTimeoutException)
        {
            // A busy system may answer late; the next tick asks again rather than ending the service.
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] snapshot: no answer within {AskTimeout.TotalSeconds:0} s");
        }
    }
}
