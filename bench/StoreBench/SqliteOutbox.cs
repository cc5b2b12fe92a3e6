using System.Buffers;
using System.Diagnostics;
using Gateway.Configuration;
using Gateway.Core.Telemetry;
using Microsoft.Data.Sqlite;

namespace StoreBench;

/// <summary>
/// A reasonable outbox in SQLite for comparison: WAL journal, one table of records (the same binary record form
/// as the segment log), inserted by one writer thread in a transaction per commit window, deleted in the same
/// transactions as the consumer acknowledges them. <c>synchronous</c> follows the sync mode: <c>EveryCommit</c> is
/// FULL (fsync per transaction); <c>Interval</c> is NORMAL (no fsync per transaction) with a checkpoint — which
/// syncs — every sync interval; <c>None</c> is OFF.
/// </summary>
internal sealed class SqliteOutbox : IBenchOutbox
{
    private const int CommitMs = 5;
    private const int SyncIntervalMs = 1000;
    private const int MaxPending = 50_000;
    private readonly Lock _lock = new();
    private readonly StoreSyncMode _sync;
    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _reader;
    private readonly Thread _writerThread;
    private readonly Thread _consumerThread;
    private readonly AutoResetEvent _committed = new(false);
    private readonly ManualResetEventSlim _stopped = new(false);
    private List<Reading> _pending = [];
    private List<Reading> _batch = [];
    private long _nextId = 1;
    private long _taken;
    private long _writtenId;
    private long _acknowledgedId;
    private long _acknowledged;

    public SqliteOutbox(string directory, StoreSyncMode sync)
    {
        _sync = sync;
        var path = Path.Combine(directory, "outbox.db");
        _writer = Open(path);
        Execute(_writer, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={Synchronous(sync)};" +
            "CREATE TABLE records(id INTEGER PRIMARY KEY, lane INTEGER NOT NULL, body BLOB NOT NULL);" +
            "CREATE TABLE consumers(name TEXT PRIMARY KEY, low INTEGER NOT NULL); INSERT INTO consumers VALUES('uplink', 0);");
        _reader = Open(path);
        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "sqlite-writer" };
        _consumerThread = new Thread(Consume) { IsBackground = true, Name = "sqlite-consumer" };
        _writerThread.Start();
        _consumerThread.Start();
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public bool TryAppend(Reading reading)
    {
        lock (_lock)
        {
            if (_pending.Count >= MaxPending)
            {
                return false;
            }

            _pending.Add(reading);
            _taken++;
            return true;
        }
    }

    public void Flush()
    {
        // Ids are given in the order records were taken, from 1: the last written id counts what was written.
        long target;
        lock (_lock)
        {
            target = _taken;
        }

        while (Interlocked.Read(ref _writtenId) < target)
        {
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        _stopped.Set();
        _writerThread.Join();
        _consumerThread.Join();
        _reader.Dispose();
        _writer.Dispose();
        _committed.Dispose();
        _stopped.Dispose();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string Synchronous(StoreSyncMode sync) => sync switch
    {
        StoreSyncMode.EveryCommit => "FULL",
        StoreSyncMode.Interval => "NORMAL",
        _ => "OFF",
    };

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void WriteLoop()
    {
        using var insert = _writer.CreateCommand();
        insert.CommandText = "INSERT INTO records(id, lane, body) VALUES($id, 1, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var body = insert.Parameters.Add("$body", SqliteType.Blob);
        using var release = _writer.CreateCommand();
        release.CommandText = "UPDATE consumers SET low = $low WHERE name = 'uplink'; DELETE FROM records WHERE id <= $low";
        var low = release.Parameters.Add("$low", SqliteType.Integer);
        var buffer = new ArrayBufferWriter<byte>(256);
        var released = 0L;
        var lastCheckpoint = Stopwatch.GetTimestamp();
        while (!_stopped.Wait(CommitMs) || _pending.Count > 0)
        {
            lock (_lock)
            {
                (_batch, _pending) = (_pending, _batch);
            }

            var acknowledged = Interlocked.Read(ref _acknowledgedId);
            if (_batch.Count == 0 && acknowledged == released)
            {
                continue;
            }

            using (var transaction = _writer.BeginTransaction())
            {
                insert.Transaction = transaction;
                release.Transaction = transaction;
                foreach (var reading in _batch)
                {
                    buffer.ResetWrittenCount();
                    RecordCodec.Write(buffer, reading);
                    id.Value = _nextId++;
                    body.Value = buffer.WrittenSpan.ToArray();
                    insert.ExecuteNonQuery();
                }

                if (acknowledged > released)
                {
                    low.Value = acknowledged;
                    release.ExecuteNonQuery();
                    released = acknowledged;
                }

                transaction.Commit();
            }

            _batch.Clear();
            Interlocked.Exchange(ref _writtenId, _nextId - 1);
            _committed.Set();
            if (_sync == StoreSyncMode.Interval && Stopwatch.GetElapsedTime(lastCheckpoint).TotalMilliseconds >= SyncIntervalMs)
            {
                Execute(_writer, "PRAGMA wal_checkpoint(PASSIVE)");
                lastCheckpoint = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Consume()
    {
        using var select = _reader.CreateCommand();
        select.CommandText = "SELECT id, body FROM records WHERE id > $after ORDER BY id LIMIT 500";
        var after = select.Parameters.Add("$after", SqliteType.Integer);
        var last = 0L;
        var cache = new RecordReadCache();
        while (!_stopped.IsSet)
        {
            after.Value = last;
            var read = 0;
            using (var rows = select.ExecuteReader())
            {
                while (rows.Read())
                {
                    last = rows.GetInt64(0);
                    RecordCodec.TryRead((byte[])rows.GetValue(1), cache, out _);
                    read++;
                }
            }

            if (read == 0)
            {
                _committed.WaitOne(50);
                continue;
            }

            Interlocked.Exchange(ref _acknowledgedId, last);
            Interlocked.Add(ref _acknowledged, read);
        }
    }
}
