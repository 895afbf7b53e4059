using System.CommandLine;
using SolarHub.Cli.Capture;
using SolarHub.Protocol.Jk;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub decode</c>: prints every data frame found in bus bytes.</summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var hex = new Argument<string?>("hex")
        {
            Description = "Bus bytes as hex (spaces, ':' and 0x prefixes allowed); '-' reads stdin (hex text or raw bytes).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "A raw byte capture of the bus ('-' for stdin)." };
        var format = new Option<string?>("--format") { Description = "json or table (default: json when output is redirected, table on a terminal)." };
        format.AcceptOnlyFromAmong("json", "table");
        var layout = new Option<string>("--layout")
        {
            Description = "Layout when the input holds no device-info frame to detect it from: JK02_32S, JK02_24S or JK04 (reported unsupported).",
            DefaultValueFactory = _ => nameof(JkLayout.JK02_32S),
        };
        layout.AcceptOnlyFromAmong(Enum.GetNames<JkLayout>());

        var command = new Command("decode", "Decode JK RS485 bus bytes (hex, a raw capture file or stdin) and print every data frame.")
        {
            hex, file, format, layout,
        };
        command.SetAction(pr => Run(pr.GetValue(hex), pr.GetValue(file), pr.GetValue(format), Enum.Parse<JkLayout>(pr.GetValue(layout)!)));
        return command;
    }

    private static int Run(string? hex, FileInfo? file, string? format, JkLayout layout)
    {
        try
        {
            if (!TryOpenInput(hex, file, out var capture, out var error))
            {
                Console.Error.WriteLine($"decode: {error}");
                return 2;
            }
            using (capture)
            {
                bool asJson = format is null ? Console.IsOutputRedirected : format == "json";
                using var stdout = Console.OpenStandardOutput();
                using IDecodedFrameOutput output = asJson
                    ? new DecodedFrameJsonOutput(stdout)
                    : new DecodedFrameTableOutput(stdout, Console.OutputEncoding);
                long frames = 0;
                bool badChecksum = false;
                var statistics = CaptureDecoder.Decode(capture!.Rewind, layout, frame =>
                {
                    frames++;
                    badChecksum |= !frame.ChecksumValid;
                    output.Write(frame);
                });
                if (frames == 0)
                {
                    Console.Error.WriteLine($"decode: no JK data frame (55 AA EB 90 ... 300 bytes) found in {statistics.Bytes} bytes " +
                        $"({statistics.Polls} polls, {statistics.Acknowledgements} acknowledgements, {statistics.DiscardedBytes} bytes unrecognised)");
                    return 1;
                }
                output.Finish(frames, statistics);
                return badChecksum ? 3 : 0;
            }
        }
        catch (IOException e) { Console.Error.WriteLine($"decode: {e.Message}"); return 2; }
        catch (UnauthorizedAccessException e) { Console.Error.WriteLine($"decode: {e.Message}"); return 2; }
    }

    private static bool TryOpenInput(string? hex, FileInfo? file, out CaptureBytes? capture, out string error)
    {
        capture = null;
        if (hex is not null && file is not null) { error = "give either hex or --file, not both"; return false; }
        if (file is not null)
            return file.Name == "-" ? CaptureBytes.TrySpoolStdin(detectHex: false, out capture, out error) : CaptureBytes.TryOpenFile(file, out capture, out error);
        if (hex is null or "-")
        {
            if (hex is null && !Console.IsInputRedirected) { error = "nothing to decode: give hex, --file <capture> or '-' for stdin (see --help)"; return false; }
            return CaptureBytes.TrySpoolStdin(detectHex: true, out capture, out error);
        }
        if (!CaptureInput.TryParseHex(hex, out var bytes, out error)) return false;
        capture = CaptureBytes.FromBytes(bytes);
        return true;
    }
}
