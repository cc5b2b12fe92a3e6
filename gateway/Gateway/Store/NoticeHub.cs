using System.Threading.Channels;

namespace Gateway.Store;

/// <summary>Hands notices to every subscriber, and the recent ones to late subscribers.</summary>
internal sealed class NoticeHub
{
    private const int Kept = 32;
    private readonly Lock _lock = new();
    private readonly List<ChannelWriter<StoreNotice>> _observers = [];
    private readonly Queue<StoreNotice> _recent = new();

    public void Subscribe(ChannelWriter<StoreNotice> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            foreach (var notice in _recent)
            {
                observer.TryWrite(notice);
            }

            _observers.Add(observer);
        }
    }

    public void Publish(StoreNotice notice)
    {
        lock (_lock)
        {
            if (_recent.Count == Kept)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(notice);
            foreach (var observer in _observers)
            {
                observer.TryWrite(notice);
            }
        }
    }
}
