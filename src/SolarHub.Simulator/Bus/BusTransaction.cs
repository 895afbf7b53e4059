using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator;

/// <summary>
/// One poll and what followed it, as <see cref="JkMasterBus.WriteNext"/> laid it out: the poll at 0, then, when the
/// pack answered, its 300-byte frame and its 8-byte acknowledgement.
/// </summary>
public readonly record struct BusTransaction(byte Address, ushort Register, byte Counter, bool Answered)
{
    public int PollLength => ModbusMessages.PollLength;

    /// <summary>Frame plus acknowledgement, or 0 when nobody answered.</summary>
    public int AnswerLength => Answered ? JkFrame.Length + ModbusMessages.AcknowledgementLength : 0;

    public int Length => PollLength + AnswerLength;

    public JkFrameType FrameType => JkRegister.AnswerType(Register) ?? JkFrameType.CellInfo;
}
