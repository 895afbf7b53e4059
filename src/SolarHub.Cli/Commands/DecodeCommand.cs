using System.CommandLine;

namespace SolarHub.Cli.Commands;

public static class DecodeCommand
{
    public static Command Create()
    {
        var command = new Command("decode", "Decode JK RS485 bus bytes (hex, a capture file or stdin).");
        command.SetAction(_ => 0);
        return command;
    }
}
