using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        if (!TryReadInput(hex, file, out var bytes, out var error))
        {
            Console.Error.WriteLine($"decode: {error}");
            return 2;
        }

        var result = CaptureDecoder.Decode(bytes, layout);
        if (result.Frames.Count == 0)
        {
            Console.Error.WriteLine($"decode: no JK data frame (55 AA EB 90 ... 300 bytes) found in {bytes.Length} bytes " +
                $"({result.Statistics.Polls} polls, {result.Statistics.Acknowledgements} acknowledgements, {result.Statistics.DiscardedBytes} bytes unrecognised)");
            return 1;
        }

        bool asJson = format is null ? Console.IsOutputRedirected : format == "json";
        if (asJson)
        {
            var array = new JsonArray(result.Frames.Select(f => (JsonNode)DecodedFrameJson.ToJson(f)).ToArray());
            Console.Out.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            foreach (var frame in result.Frames) Console.Out.WriteLine(DecodedFrameTable.Render(frame));
            var s = result.Statistics;
            Console.Out.WriteLine($"{result.Frames.Count} frames ({s.ChecksumErrors} with bad checksum), {s.Polls} polls, {s.Acknowledgements} acknowledgements, {s.DiscardedBytes} bytes unrecognised");
        }
        return result.Frames.Any(f => !f.ChecksumValid) ? 3 : 0;
    }

    private static bool TryReadInput(string? hex, FileInfo? file, out byte[] bytes, out string error)
    {
        bytes = [];
        if (hex is not null && file is not null) { error = "give either hex or --file, not both"; return false; }
        try
        {
            if (file is not null)
            {
                if (file.Name == "-") { bytes = ReadStdin(); error = bytes.Length == 0 ? "stdin was empty" : ""; return bytes.Length > 0; }
                if (!file.Exists) { error = $"--file: {file.FullName} does not exist"; return false; }
                bytes = File.ReadAllBytes(file.FullName);
                error = bytes.Length == 0 ? $"--file: {file.FullName} is empty" : "";
                return bytes.Length > 0;
            }
            if (hex is null or "-")
            {
                if (hex is null && !Console.IsInputRedirected) { error = "nothing to decode: give hex, --file <capture> or '-' for stdin (see --help)"; return false; }
                return CaptureInput.TryInterpretStdin(ReadStdin(), out bytes, out error);
            }
            return CaptureInput.TryParseHex(hex, out bytes, out error);
        }
        catch (IOException e) { error = e.Message; return false; }
        catch (UnauthorizedAccessException e) { error = e.Message; return false; }
    }

    private static byte[] ReadStdin()
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }
}
