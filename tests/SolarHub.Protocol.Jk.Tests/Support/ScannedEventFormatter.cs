using System.Runtime.CompilerServices;
using FluentAssertions.Formatting;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>Makes failure messages list events in their short form instead of dumping 600 hex digits per frame.</summary>
public sealed class ScannedEventFormatter : IValueFormatter
{
    public bool CanHandle(object value) => value is ScannedEvent;

    public void Format(object value, FormattedObjectGraph formattedGraph, FormattingContext context, FormatChild formatChild) =>
        formattedGraph.AddFragment(value.ToString()!);

    [ModuleInitializer]
    internal static void Register() => Formatter.AddFormatter(new ScannedEventFormatter());
}
