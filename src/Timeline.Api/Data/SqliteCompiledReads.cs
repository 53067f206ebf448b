using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Data;

/// <summary>
/// Keeps SQLite's compiled statements for the reads EF Core sends, instead of compiling each one again per query.
/// Microsoft.Data.Sqlite keeps a compiled statement only as long as its command, and EF Core makes a command per
/// query, so every request paid for parsing and planning its SQL: for an event page's statement (six merged index
/// walks, see <see cref="Queries.EventPages"/>) that was ~85 µs, more than running it.
/// <para>
/// A query outside a transaction (a <c>SELECT</c> with no <see cref="DbCommand.Transaction"/>) runs instead on one of
/// a few connections of this interceptor's own that stay open, each holding its most recently used statements
/// compiled; EF Core still builds, logs and reads the command as before (other interceptors see it too). Anything in a
/// transaction — every write and the reads of a write — and a read of the connection's temporary schema run on EF Core's
/// own connection as they always did. Outside a
/// transaction each statement is its own read, so another connection of the same file sees the same committed data
/// (WAL: a new read sees every commit before it).
/// </para>
/// </summary>
public sealed class SqliteCompiledReads : DbCommandInterceptor, IDisposable
{
    /// <summary>Open connections kept between requests; more are opened while more reads run at once, then closed.</summary>
    public const int IdleConnections = 8;

    /// <summary>Compiled statements kept per connection (least recently used first out).</summary>
    public const int StatementsPerConnection = 64;

    private static readonly Counter<long> Statements = Telemetry.Meter.CreateCounter<long>(
        "timeline.sqlite.statements", unit: "{statement}",
        description: "SQLite reads outside a transaction, by whether their statement was compiled for it (compiled) or kept from before (reused).");

    private static readonly KeyValuePair<string, object?> Compiled = new("result", "compiled");
    private static readonly KeyValuePair<string, object?> Reused = new("result", "reused");

    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private readonly ConcurrentDictionary<DbDataReader, ReadConnection> _reading = new(ReferenceEqualityComparer.Instance);
    private readonly string _connectionString;
    private long _compiled;
    private long _reused;
    private int _open;
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteCompiledReads(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _connectionString = connectionString;
    }

    /// <summary>Reads whose statement was compiled for them (the first of its text on a connection, or one evicted since).</summary>
    public long CompiledCount => Interlocked.Read(ref _compiled);

    /// <summary>Reads that ran a statement compiled before.</summary>
    public long ReusedCount => Interlocked.Read(ref _reused);

    /// <summary>Connections of this interceptor's open now, idle or reading.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Readers of this interceptor's that EF Core has not disposed yet.</summary>
    public int OpenReaders => _reading.Count;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult || !IsReadOutsideTransaction(command))
            return result;
        var connection = Rent();
        try
        {
            var reader = connection.Prepare(command, this).ExecuteReader();
            _reading[reader] = connection;
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            Return(connection);
            throw;
        }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult || !IsReadOutsideTransaction(command))
            return result;
        var connection = Rent();
        try
        {
            var reader = await connection.Prepare(command, this).ExecuteReaderAsync(cancellationToken);
            _reading[reader] = connection;
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            Return(connection);
            throw;
        }
    }

    /// <summary>A reader of ours is disposed here, before its connection goes back for the next read (which may reuse the statement).</summary>
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_reading.TryRemove(eventData.DataReader, out var connection))
            return result;
        try
        {
            eventData.DataReader.Dispose();
        }
        finally
        {
            Return(connection);
        }

        return InterceptionResult.Suppress();
    }

    private bool IsReadOutsideTransaction(DbCommand command) =>
        !_disposed
        && command is SqliteCommand { Transaction: null, Connection: { } connection }
        && command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
        // A table of the connection's temporary schema exists only on the connection that made it (the search vocabulary).
        && !command.CommandText.Contains("temp.", StringComparison.OrdinalIgnoreCase)
        && string.Equals(connection.ConnectionString, _connectionString, StringComparison.Ordinal);

    private ReadConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        var opened = new SqliteConnection(_connectionString);
        opened.Open();
        Interlocked.Increment(ref _open);
        return new ReadConnection(opened);
    }

    private void Close(ReadConnection connection)
    {
        connection.Dispose();
        Interlocked.Decrement(ref _open);
    }

    private void Return(ReadConnection connection)
    {
        connection.Release();
        // A counter of our own: ConcurrentBag.Count takes every one of the bag's locks.
        if (_disposed || Interlocked.Increment(ref _idleCount) > IdleConnections)
        {
            if (!_disposed)
                Interlocked.Decrement(ref _idleCount);
            Close(connection);
        }
        else
        {
            _idle.Add(connection);
        }
    }

    private void Count(bool compiled)
    {
        if (compiled)
            Interlocked.Increment(ref _compiled);
        else
            Interlocked.Increment(ref _reused);
        Statements.Add(1, compiled ? Compiled : Reused);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            Close(connection);
        }
    }

    /// <summary>One open connection and its compiled statements, used by one read at a time.</summary>
    private sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _statements = new(StringComparer.Ordinal);
        private readonly LinkedList<SqliteCommand> _recent = new();
        private SqliteCommand? _current;

        /// <summary>The command of this text, compiled once, with the parameters (and timeout) of EF Core's.</summary>
        public SqliteCommand Prepare(DbCommand source, SqliteCompiledReads owner)
        {
            var text = source.CommandText;
            if (_statements.TryGetValue(text, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                owner.Count(compiled: false);
            }
            else
            {
                if (_statements.Count >= StatementsPerConnection)
                {
                    var oldest = _recent.Last!;
                    _recent.RemoveLast();
                    _statements.Remove(oldest.Value.CommandText);
                    oldest.Value.Dispose();
                }

                node = _recent.AddFirst(new SqliteCommand(text, connection));
                _statements[text] = node;
                owner.Count(compiled: true);
            }

            var command = node.Value;
            command.CommandTimeout = source.CommandTimeout;
            // EF Core's parameter objects themselves: their values, and a type only where EF Core gave one.
            foreach (SqliteParameter parameter in source.Parameters)
                command.Parameters.Add(parameter);
            _current = command;
            return command;
        }

        /// <summary>Lets go of the last read's parameters (and so of their values).</summary>
        public void Release()
        {
            _current?.Parameters.Clear();
            _current = null;
        }

        public void Dispose()
        {
            foreach (var command in _recent)
                command.Dispose();
            connection.Dispose();
        }
    }
}
