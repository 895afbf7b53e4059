using System.IO.Ports;

namespace SolarHub.Core.Adapters.Transports;

/// <summary>The port's stream, closing the port itself when disposed (BaseStream alone would leave it open).</summary>
internal sealed class SerialPortStream(SerialPort port) : Stream
{
    private readonly Stream _inner = port.BaseStream;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);
    public override void Flush() => _inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Not port.Close() first: it flushes, and on Unix its flush spins until every queued write is done, which is
            // never once the device vanished with a write queued. Disposing the stream fails what is queued and closes
            // the handle; the port then has nothing left to flush.
            try { _inner.Dispose(); } catch (IOException) { /* the device may already be gone */ }
            try { port.Close(); } catch (IOException) { }
            port.Dispose();
        }
        base.Dispose(disposing);
    }
}
