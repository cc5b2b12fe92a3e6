using System.Buffers;
using Gateway.Core.Devices;
using Gateway.Core.Mapping.Local;
using Gateway.Devices;
using Gateway.Health;
using Gateway.Logging;

namespace Gateway.Uplink.Mqtt;

/// <summary>One connected session: retained state first, then the outbox and state changes until the link closes.</summary>
internal sealed partial class MqttUplinkService
{
    private HealthReport? _lastHealth;
    private Store.StoreNotice? _unsentNotice;

    /// <summary>Runs a connected session; returns why it ended, or null when the gateway is stopping.</summary>
    private async Task<string?> RunSessionAsync(MqttLink link, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            await link.PublishAndWaitAsync(_topics.Status, "online"u8.ToArray(), retain: true, session.Token);
            Log.SessionStep(_logger, Name, "status published");
            foreach (var device in _registry.Snapshot())
            {
                await PublishMetaAsync(link, device.Device, session.Token);
                await PublishAvailabilityAsync(link, device.Device, device.Online, session.Token);
            }

            if (_lastHealth is { } health)
            {
                await PublishHealthAsync(link, health, session.Token);
            }

            Log.SessionStep(_logger, Name, "device state published");
            await link.SubscribeAsync([_topics.CommandFilter], session.Token);
            Log.SessionStep(_logger, Name, "subscribed");
            var outbox = StartPumping(link, session.Token);
            Log.SessionStep(_logger, Name, "pumping");
            var state = PumpStateAsync(link, session.Token);
            var notices = PumpNoticesAsync(link, session.Token);
            var ended = await Task.WhenAny(link.Closed, outbox, state, notices);
            if (stoppingToken.IsCancellationRequested)
            {
                StopPumping();
                await Quietly(outbox);
                await SayOfflineAsync(link);
                return null;
            }

            await session.CancelAsync();
            StopPumping();
            await Quietly(outbox);
            await Quietly(state);
            await Quietly(notices);
            return link.Closed.IsCompleted ? link.Closed.Result : ended.Exception?.GetBaseException().Message ?? "session ended";
        }
        catch (Exception e) when (MqttLink.IsLinkFailure(e))
        {
            StopPumping();
            if (stoppingToken.IsCancellationRequested)
            {
                await SayOfflineAsync(link);
                return null;
            }

            return link.Closed.IsCompleted ? link.Closed.Result : e.Message;
        }
    }

    /// <summary>A graceful stop says so itself (the last will only fires when the connection breaks).</summary>
    private async Task SayOfflineAsync(MqttLink link)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await link.PublishAndWaitAsync(_topics.Status, "offline"u8.ToArray(), retain: true, timeout.Token);
            await link.DisconnectAsync(timeout.Token);
        }
        catch (Exception e) when (MqttLink.IsLinkFailure(e))
        {
        }
    }

    /// <summary>Device announcements, availability and health, in the order they happen.</summary>
    private async Task PumpStateAsync(MqttLink link, CancellationToken cancellationToken)
    {
        var changes = _changes.Reader;
        var health = _healthUpdates.Reader;
        Task<bool>? changeReady = null;
        Task<bool>? healthReady = null;
        while (true)
        {
            // One wait per channel at a time: the one that did not fire stays pending for the next round.
            changeReady ??= changes.WaitToReadAsync(cancellationToken).AsTask();
            healthReady ??= health.WaitToReadAsync(cancellationToken).AsTask();
            var fired = await Task.WhenAny(changeReady, healthReady);
            await fired;
            if (fired == changeReady)
            {
                changeReady = null;
            }
            else
            {
                healthReady = null;
            }

            while (changes.TryRead(out var change))
            {
                if (change.Kind == DeviceChangeKind.Announced)
                {
                    await PublishMetaAsync(link, change.Device, cancellationToken);
                }
                else
                {
                    await PublishAvailabilityAsync(link, change.Device, change.Kind == DeviceChangeKind.Online, cancellationToken);
                }
            }

            HealthReport? latest = null;
            while (health.TryRead(out var report))
            {
                latest = report;
            }

            if (latest is not null)
            {
                _lastHealth = latest;
                await PublishHealthAsync(link, latest, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The store's notices (records dropped by a bound, a full disk and its end, a repaired or quarantined file)
    /// as events of the gateway, so that an operator hears of them on the broker, not only in the log.
    /// Notices given while no session was up are kept (the last 64) and sent on the next one, and so is a
    /// notice whose publish a broken link left unacknowledged.
    /// </summary>
    private async Task PumpNoticesAsync(MqttLink link, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A notice whose publish the last session did not see acknowledged goes first.
            if (_unsentNotice is null)
            {
                _unsentNotice = await _notices.Reader.ReadAsync(cancellationToken);
            }

            var notice = _unsentNotice;
            var payload = new ArrayBufferWriter<byte>(256);
            using (var json = new System.Text.Json.Utf8JsonWriter(payload))
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "store");
                json.WriteString("kind"u8, NoticeKind(notice.Kind));
                if (notice.Reason is { } reason)
                {
                    json.WriteString("reason"u8, reason);
                }

                if (notice.Records > 0)
                {
                    json.WriteNumber("records"u8, notice.Records);
                }

                json.WriteString("text"u8, notice.Message);
                json.WriteString("time"u8, notice.At.UtcDateTime);
                json.WriteEndObject();
            }

            await link.PublishAndWaitAsync(_topics.Events, payload.WrittenMemory, retain: false, cancellationToken);
            _unsentNotice = null;
        }
    }

    private static string NoticeKind(Store.StoreNoticeKind kind) => kind switch
    {
        Store.StoreNoticeKind.Dropped => "dropped",
        Store.StoreNoticeKind.Refusing => "refusing",
        Store.StoreNoticeKind.Accepting => "accepting",
        Store.StoreNoticeKind.Repaired => "repaired",
        Store.StoreNoticeKind.Quarantined => "quarantined",
        Store.StoreNoticeKind.StateReset => "state_reset",
        _ => "storage_error",
    };

    private Task PublishMetaAsync(MqttLink link, DeviceInfo device, CancellationToken cancellationToken)
    {
        var meta = new ArrayBufferWriter<byte>(512);
        LocalPayloads.WriteMeta(meta, device);
        return link.PublishAndWaitAsync(_topics.For(device.DeviceId).Meta, meta.WrittenMemory, retain: true, cancellationToken);
    }

    private Task PublishAvailabilityAsync(MqttLink link, DeviceInfo device, bool online, CancellationToken cancellationToken) =>
        link.PublishAndWaitAsync(
            _topics.For(device.DeviceId).Availability, online ? "online"u8.ToArray() : "offline"u8.ToArray(), retain: true, cancellationToken);

    private Task PublishHealthAsync(MqttLink link, HealthReport report, CancellationToken cancellationToken) =>
        link.PublishAndWaitAsync(_topics.Health, report.Json, retain: true, cancellationToken);

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (MqttLink.IsLinkFailure(e))
        {
        }
    }
}
