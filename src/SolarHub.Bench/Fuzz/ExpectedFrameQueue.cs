namespace SolarHub.Bench.Fuzz;

/// <summary>The intact frames placed in the stream and not yet reported, in stream order. Grows only while generating.</summary>
public sealed class ExpectedFrameQueue
{
    private IntactFrame[] _items = new IntactFrame[1024];
    private int _head, _count;

    public int Count => _count;

    public IntactFrame Peek() => _items[_head];

    public void Dequeue()
    {
        _head = (_head + 1) % _items.Length;
        _count--;
    }

    public void Enqueue(IntactFrame frame)
    {
        if (_count == _items.Length)
        {
            var bigger = new IntactFrame[_items.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) % _items.Length];
            _items = bigger;
            _head = 0;
        }
        _items[(_head + _count) % _items.Length] = frame;
        _count++;
    }
}
