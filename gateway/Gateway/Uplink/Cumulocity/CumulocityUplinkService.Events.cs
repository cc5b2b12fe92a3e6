using Gateway.Core.Mapping.Cumulocity;
using Gateway.Devices;
using Gateway.Store;

namespace Gateway.Uplink.Cumulocity;

/// <summary>
/// What happens to boards and the store becomes control traffic, queued whether or not the cloud is
/// reachable: a board that says hello (again, or changed) is registered again (idempotent); a board going
/// offline or coming back is an event on its child; a store notice (drops, disk full, repairs) is an event
/// on the gateway.
/// </summary>
internal sealed partial class CumulocityUplinkService
{
    private async Task PumpEventsAsync(CancellationToken cancellationToken)
    {
        var changes = _changes.Reader;
        var notices = _notices.Reader;
        while (true)
        {
            var changeReady = changes.WaitToReadAsync(cancellationToken).AsTask();
            var noticeReady = notices.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(changeReady, noticeReady);
            cancellationToken.ThrowIfCancellationRequested();
            while (changes.TryRead(out var change))
            {
                OnDeviceChange(change);
            }

            while (notices.TryRead(out var notice))
            {
                var row = UpstreamRows.Event($"c8y_Store{notice.Kind}", notice.Message, notice.At);
                _control.Enqueue(SmartRestTopics.Upstream, row.Text);
            }
        }
    }

    private void OnDeviceChange(DeviceChange change)
    {
        var board = change.Device;
        var topic = ChildTopic(board.DeviceId);
        var now = _time.GetUtcNow();
        switch (change.Kind)
        {
            case DeviceChangeKind.Announced:
                _control.Enqueue(SmartRestTopics.Upstream, ChildRow(board).Text);
                _control.Enqueue(topic, string.Join('\n', ChildStateRows(board).Select(r => r.Text)));
                break;
            case DeviceChangeKind.Online:
                _control.Enqueue(topic, UpstreamRows.Event("c8y_BoardOnline", $"Board {board.DeviceId} is online on {board.Port}", now).Text);
                break;
            case DeviceChangeKind.Offline:
                var reason = change.Reason.Length > 0 ? change.Reason : "unknown";
                _control.Enqueue(topic, UpstreamRows.Event("c8y_BoardOffline", $"Board {board.DeviceId} is offline ({reason})", now).Text);
                break;
        }
    }
}
