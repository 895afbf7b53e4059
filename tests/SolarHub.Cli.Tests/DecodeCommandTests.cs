using System.Text.Json.Nodes;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Cli.Tests;

public class DecodeCommandTests
{
    private static JsonArray Json(CliProcess.Outcome outcome) => JsonNode.Parse(outcome.StdOut)!.AsArray();

    [Fact]
    public async Task Cell_info_hex_prints_the_documented_json_fields_in_si_units()
    {
        var outcome = await CliProcess.RunAsync(["decode", RealFrames.CellInfo32]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var frame = Json(outcome).Single()!.AsObject();
        frame["type"]!.GetValue<string>().Should().Be("cellInfo");
        frame["layout"]!.GetValue<string>().Should().Be("JK02_32S");
        frame["checksumValid"]!.GetValue<bool>().Should().BeTrue();
        var cells = frame["cells"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        cells.Should().HaveCount(16).And.OnlyContain(v => v > 2.5 && v < 3.7);
        frame["packVoltage"]!.GetValue<double>().Should().BeApproximately(cells.Sum(), 0.05);
        foreach (var key in new[] { "current", "power", "soc", "soh", "remainingCapacity", "fullCapacity", "cycles", "mosTemperature", "temperatures", "alarms", "charging", "discharging", "balancing" })
            frame.ContainsKey(key).Should().BeTrue($"the JSON of a type 02 frame has '{key}'");
    }

    [Fact]
    public async Task Device_info_in_the_input_selects_the_layout_and_prints_its_fields()
    {
        var outcome = await CliProcess.RunAsync(["decode", "--layout", "JK02_24S", RealFrames.Settings32 + RealFrames.DeviceInfo32]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var frames = Json(outcome);
        frames.Should().HaveCount(2);
        var settings = frames[0]!.AsObject();
        settings["layout"]!.GetValue<string>().Should().Be("JK02_32S", "hardware 19H in the device-info frame means JK02_32S, whatever --layout says");
        settings["layoutDetected"]!.GetValue<bool>().Should().BeTrue();
        var device = frames[1]!.AsObject();
        device["model"]!.GetValue<string>().Should().Be("JK_B2A8S30P");
        device["hardwareVersion"]!.GetValue<string>().Should().Be("19H");
        device["softwareVersion"]!.GetValue<string>().Should().Be("19.07");
        foreach (var key in new[] { "serialNumber", "uptime", "powerOnCount" }) device.ContainsKey(key).Should().BeTrue();
    }

    [Fact]
    public async Task Raw_capture_from_stdin_attributes_frames_to_the_polled_pack()
    {
        var capture = new List<byte>();
        capture.AddRange(ModbusMessages.Poll(3, JkRegister.CellInfo));
        capture.AddRange(RealFrames.Bytes(RealFrames.CellInfo32));
        capture.AddRange(ModbusMessages.Acknowledgement(3, JkRegister.CellInfo));
        capture.AddRange(new byte[] { 0x00, 0xFF, 0x13 });

        var outcome = await CliProcess.RunAsync(["decode", "--file", "-"], stdin: capture.ToArray());

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        Json(outcome).Single()!["address"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Hex_text_on_stdin_longer_than_a_read_piece_decodes_like_the_same_raw_bytes()
    {
        var capture = new List<byte>();
        for (byte address = 1; capture.Count < 200_000; address = (byte)(address % 4 + 1))
        {
            capture.AddRange(ModbusMessages.Poll(address, JkRegister.CellInfo));
            capture.AddRange(RealFrames.Bytes(address == 2 ? RealFrames.DeviceInfo32 : RealFrames.CellInfo32));
            capture.AddRange(ModbusMessages.Acknowledgement(address, JkRegister.CellInfo));
        }
        // Separators and 0x prefixes fall on every kind of boundary between the pieces stdin is read in.
        var text = string.Join("", capture.Select((b, i) => (i % 7) switch { 0 => $"0x{b:X2} ", 3 => $"{b:x2}:", 5 => $"{b:X2}\n", _ => $"{b:X2}" }));

        var raw = await CliProcess.RunAsync(["decode", "--file", "-", "--format", "json"], stdin: capture.ToArray());
        var hex = await CliProcess.RunAsync(["decode", "-", "--format", "json"], stdin: System.Text.Encoding.ASCII.GetBytes(text));

        raw.ExitCode.Should().Be(0, raw.StdErr);
        hex.ExitCode.Should().Be(0, hex.StdErr);
        Json(raw).Should().HaveCountGreaterThan(600);
        hex.StdOut.Should().Be(raw.StdOut);
    }

    [Fact]
    public async Task Capture_file_is_read_as_raw_bytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-capture-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, RealFrames.Bytes(RealFrames.Settings24));
        try
        {
            var outcome = await CliProcess.RunAsync(["decode", "--file", path, "--layout", "JK02_24S", "--format", "json"]);
            outcome.ExitCode.Should().Be(0, outcome.StdErr);
            var frame = Json(outcome).Single()!;
            frame["type"]!.GetValue<string>().Should().Be("settings");
            frame["cellCount"]!.GetValue<int>().Should().Be(24);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Table_format_is_readable_text()
    {
        var outcome = await CliProcess.RunAsync(["decode", "--format", "table", RealFrames.DeviceInfo32]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        outcome.StdOut.Should().Contain("deviceInfo").And.Contain("JK_B2A8S30P").And.Contain("1 frames");
    }

    [Theory]
    [InlineData("55AAEB9Z", "not a hex digit")]
    [InlineData("55AAE", "odd number of digits")]
    [InlineData("0102030405", "no JK data frame")]
    public async Task Bad_input_gives_a_clear_message_and_a_nonzero_exit_without_a_stack_trace(string hex, string message)
    {
        var outcome = await CliProcess.RunAsync(["decode", hex]);

        outcome.ExitCode.Should().NotBe(0);
        outcome.StdErr.Should().Contain(message);
        outcome.StdErr.Should().NotContain("   at ", "users get a message, not a stack trace");
    }

    [Fact]
    public async Task Missing_file_is_named_in_the_error()
    {
        var outcome = await CliProcess.RunAsync(["decode", "--file", "/nonexistent/capture.bin"]);

        outcome.ExitCode.Should().NotBe(0);
        outcome.StdErr.Should().Contain("/nonexistent/capture.bin");
    }

    [Fact]
    public async Task Corrupted_frame_is_reported_with_checksum_invalid_and_exit_code_3()
    {
        var bytes = RealFrames.Bytes(RealFrames.CellInfo32);
        bytes[100] ^= 0x01;

        var outcome = await CliProcess.RunAsync(["decode", Convert.ToHexString(bytes)]);

        outcome.ExitCode.Should().Be(3);
        var frame = Json(outcome).Single()!;
        frame["checksumValid"]!.GetValue<bool>().Should().BeFalse();
        frame.AsObject().ContainsKey("cells").Should().BeFalse("values of a frame that fails its checksum are never shown");
    }
}
