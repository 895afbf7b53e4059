namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>One row of Data/frames.tsv: a real capture and what its source says about it.</summary>
public sealed record RealFrame(
    int Row, string SourcePath, string Name, string Kind, int Length, JkLayout Layout, byte[] Bytes, string StatedValues)
{
    public JkFrameType Type => (JkFrameType)Bytes[JkFrame.TypeOffset];

    /// <summary>The 300 bytes a bus would carry (some captures have bytes of the BLE transport glued on).</summary>
    public byte[] Frame => Bytes[..JkFrame.Length];

    public bool IsExactly300Bytes => Bytes.Length == JkFrame.Length;

    /// <summary>The capture file, without the repository prefix: frames from one file come from one BMS.</summary>
    public string SourceFile => SourcePath[(SourcePath.IndexOf(':') + 1)..];

    /// <summary>Shown by xunit for theory rows: row number and where the frame comes from.</summary>
    public override string ToString() => $"#{Row} {SourceFile} {Name}";
}
