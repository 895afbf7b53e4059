using System.Diagnostics;
using System.Reflection;
using Akka.Actor;

namespace SolarHub.Core.Scheduling;

/// <summary>
/// Akka's own monotonic clock (<c>Akka.Util.MonotonicClock</c>, internal), which its deadlines and failure detectors read
/// directly: a scheduler's clock must be the same one, or times taken from the two would not compare.
/// </summary>
internal static class AkkaClock
{
    private static readonly Type? Clock = typeof(ActorSystem).Assembly.GetType("Akka.Util.MonotonicClock");
    private static readonly Stopwatch Fallback = Stopwatch.StartNew();

    public static readonly Func<TimeSpan> Elapsed = Getter("Elapsed") ?? (() => Fallback.Elapsed);

    public static readonly Func<TimeSpan> ElapsedHighRes = Getter("ElapsedHighRes") ?? (() => Fallback.Elapsed);

    /// <summary>Both getters are Akka's (false: Akka renamed its clock, and a test says so before a node mixes two clocks).</summary>
    internal static bool IsAkkas => Getter("Elapsed") is not null && Getter("ElapsedHighRes") is not null;

    private static Func<TimeSpan>? Getter(string property) =>
        Clock?.GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetMethod?.CreateDelegate<Func<TimeSpan>>();
}
