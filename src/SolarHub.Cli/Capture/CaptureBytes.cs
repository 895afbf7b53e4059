using System.Text;

namespace SolarHub.Cli.Capture;

/// <summary>
/// The bytes to decode, readable once per pass (layout detection needs a pass before the one that prints): a capture
/// file, hex given on the command line, or stdin (or a pipe given as --file) spooled to a temporary file, since it
/// can be read only once. Nothing is held in memory but hex from the command line, which is small by nature.
/// </summary>
public sealed class CaptureBytes : IDisposable
{
    private const int PieceLength = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _isHexText;

    private CaptureBytes(Stream stream, bool isHexText)
    {
        _stream = stream;
        _isHexText = isHexText;
    }

    public static CaptureBytes FromBytes(byte[] bytes) => new(new MemoryStream(bytes, writable: false), isHexText: false);

    public static bool TryOpenFile(FileInfo file, out CaptureBytes? capture, out string error)
    {
        capture = null;
        if (!file.Exists) { error = $"--file: {file.FullName} does not exist"; return false; }
        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        string empty = $"--file: {file.FullName} is empty";
        // A pipe (e.g. --file <(zcat capture.gz)) can be read only once.
        if (!stream.CanSeek)
        {
            using (stream) return TrySpool(stream, detectHex: false, empty, out capture, out error);
        }
        if (stream.Length == 0) { stream.Dispose(); error = empty; return false; }
        capture = new CaptureBytes(stream, isHexText: false);
        error = "";
        return true;
    }

    /// <summary>Spools stdin; with <paramref name="detectHex"/>, stdin that is all hex text is read as the bytes it spells.</summary>
    public static bool TrySpoolStdin(bool detectHex, out CaptureBytes? capture, out string error)
    {
        using var stdin = Console.OpenStandardInput();
        return TrySpool(stdin, detectHex, "stdin was empty", out capture, out error);
    }

    /// <summary>The capture's bytes from the start; the stream belongs to this object and is valid until the next pass.</summary>
    public Stream Rewind()
    {
        _stream.Position = 0;
        return _isHexText ? new HexTextStream(_stream) : _stream;
    }

    public void Dispose() => _stream.Dispose();

    private static bool TrySpool(Stream source, bool detectHex, string emptyError, out CaptureBytes? capture, out string error)
    {
        capture = null;
        var spool = CreateSpool();
        try
        {
            var piece = new byte[PieceLength];
            var chars = new char[PieceLength];
            var scratch = new byte[HexTextDecoder.MaxBytes(PieceLength)];
            var hex = new HexTextDecoder();
            bool looksLikeHex = detectHex;
            long total = 0;
            int read;
            while ((read = source.Read(piece)) > 0)
            {
                spool.Write(piece, 0, read);
                total += read;
                if (!looksLikeHex) continue;
                // Hex errors are found while spooling, so they are reported before anything is printed.
                looksLikeHex = CaptureInput.LooksLikeHexText(piece.AsSpan(0, read));
                if (looksLikeHex) hex.Decode(chars.AsSpan(0, Encoding.ASCII.GetChars(piece.AsSpan(0, read), chars)), scratch, final: false);
            }
            if (total == 0) { spool.Dispose(); error = emptyError; return false; }
            if (looksLikeHex)
            {
                hex.Decode([], scratch, final: true);
                if (hex.Error is { } hexError) { spool.Dispose(); error = hexError; return false; }
            }
            capture = new CaptureBytes(spool, looksLikeHex);
            error = "";
            return true;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private static FileStream CreateSpool()
    {
        var path = Path.Combine(Path.GetTempPath(), $"solarhub-decode-{Guid.NewGuid():N}.spool");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, PieceLength, FileOptions.DeleteOnClose);
        // Unlinked at once where the open file lives on without a name, so even a killed decode leaves nothing behind.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return spool;
    }
}
