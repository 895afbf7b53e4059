using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary>
/// Where the verbs render: Spectre.Console with colours and borders on a terminal; plain text without colours,
/// borders or wrapping when stdout is redirected, so scripts and tests read stable columns.
/// </summary>
public sealed class InspectionConsole
{
    private InspectionConsole(IAnsiConsole console, bool plain)
    {
        Console = console;
        Plain = plain;
    }

    public IAnsiConsole Console { get; }

    public bool Plain { get; }

    public static InspectionConsole ForStandardOutput() => System.Console.IsOutputRedirected ? PlainTo(System.Console.Out) : new InspectionConsole(AnsiConsole.Console, plain: false);

    public static InspectionConsole PlainTo(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 512; // never wrap a row: a line per row is what scripts read
        return new InspectionConsole(console, plain: true);
    }

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public Table NewTable(params string[] headers)
    {
        var table = new Table().Border(Plain ? TableBorder.None : TableBorder.Rounded);
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header, new Style(decoration: Decoration.Bold)));
            // Headers ending in a unit are figures: right-aligned.
            if (header.EndsWith(" V") || header.EndsWith(" A") || header.EndsWith(" W") || header.EndsWith(" %") || header.EndsWith(" mV")
                || header is "Prio" or "Bytes" or "Frames" or "Checksum errors" or "Discarded bytes" or "Restarts" or "Pack")
                column.RightAligned();
            table.AddColumn(column);
        }
        return table;
    }
}
