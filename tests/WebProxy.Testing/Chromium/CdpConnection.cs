using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebProxy.Testing.Chromium;

/// <summary>
/// The Chrome DevTools Protocol over one WebSocket: commands carry increasing ids and each awaits the answer
/// with its id; messages without an id are events, handed to subscribers. Every wait has a limit, so a browser
/// that stops answering fails the test with the command it was waiting for instead of hanging the run.
/// </summary>
public sealed class CdpConnection : IAsyncDisposable
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<long, PendingCommand> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _subscribersLock = new();
    private Subscription[] _subscribers = [];
    private Task _receiveLoop = Task.CompletedTask;
    private long _lastId;

    private CdpConnection(ClientWebSocket socket, TimeSpan defaultTimeout)
    {
        _socket = socket;
        DefaultTimeout = defaultTimeout;
    }

    /// <summary>The limit for a command's answer when the caller names none.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>Completes, with the reason, once the connection can carry nothing more (browser gone, disposed).</summary>
    public Task<Exception> Closed => _closed.Task;

    public static async Task<CdpConnection> ConnectAsync(Uri webSocketUri, TimeSpan defaultTimeout)
    {
        ArgumentNullException.ThrowIfNull(webSocketUri);
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = new CancellationTokenSource(defaultTimeout);
            await socket.ConnectAsync(webSocketUri, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new CdpConnection(socket, defaultTimeout);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync);
        return connection;
    }

    /// <summary>
    /// Sends <paramref name="method"/> (to a page when <paramref name="sessionId"/> is given) and returns the
    /// answer's <c>result</c>. Parameters are any object System.Text.Json can write (anonymous objects do);
    /// null properties are left out, as CDP expects for optional parameters.
    /// </summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var limit = timeout ?? DefaultTimeout;
        var id = Interlocked.Increment(ref _lastId);
        var pending = new PendingCommand(method);
        _pending[id] = pending;
        try
        {
            if (_closed.Task.IsCompleted)
            {
                throw Closing(method, await _closed.Task.ConfigureAwait(false));
            }

            var message = JsonSerializer.SerializeToUtf8Bytes(new CommandMessage(id, method, parameters ?? new { }, sessionId), SerializerOptions);
            using (var sending = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                sending.CancelAfter(limit);
                await _sendLock.WaitAsync(sending.Token).ConfigureAwait(false);
                try
                {
                    await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, sending.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            var answered = await Task.WhenAny(pending.Answer.Task, _closed.Task).WaitAsync(limit).ConfigureAwait(false);
            if (answered != pending.Answer.Task)
            {
                throw Closing(method, await _closed.Task.ConfigureAwait(false));
            }

            return await pending.Answer.Task.ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Chromium did not answer the DevTools command {method} within {limit}.");
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"The DevTools command {method} could not be sent within {limit}.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every event named <paramref name="method"/> until the returned object
    /// is disposed. Handlers run on the connection's receive loop: they must be quick and must not wait for the
    /// answer of a command (start it and let it run); an exception from a handler closes the connection, so a
    /// broken handler fails the test loudly.
    /// </summary>
    public IDisposable Subscribe(string method, Action<CdpEvent> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, method, handler);
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        _closed.TrySetResult(new ObjectDisposedException(nameof(CdpConnection)));
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The browser may already be gone; there is nobody left to say goodbye to.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _receiveLoop.ConfigureAwait(false); // Never throws: the loop turns every ending into Closed.

        _socket.Dispose();
        _stopping.Dispose();
        _sendLock.Dispose();
    }

    private static InvalidOperationException Closing(string method, Exception reason) =>
        new($"The DevTools connection closed before {method} was answered: {reason.Message}", reason);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _stopping.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(new WebSocketException("Chromium closed the DevTools WebSocket."));
                        return;
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                Dispatch(buffer.WrittenMemory);
            }
        }
        catch (Exception exception)
        {
            // Whatever ended the loop (the browser died, a handler threw, dispose cancelled the read) is the
            // reason every waiting command and page wait reports; nothing is rethrown, so dispose stays quiet.
            _closed.TrySetResult(exception);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (!_pending.TryGetValue(idElement.GetInt64(), out var pending))
            {
                return; // The caller gave up (timed out); a late answer has nobody to go to.
            }

            if (root.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetInt32() : 0;
                var text = error.TryGetProperty("message", out var messageElement) ? messageElement.GetString() ?? string.Empty : error.GetRawText();
                if (error.TryGetProperty("data", out var data))
                {
                    text += $" ({data})";
                }

                pending.Answer.TrySetException(new CdpException(pending.Method, code, text));
            }
            else
            {
                pending.Answer.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
            }

            return;
        }

        if (!root.TryGetProperty("method", out var methodElement) || methodElement.GetString() is not { } method)
        {
            return;
        }

        var subscribers = Volatile.Read(ref _subscribers);
        if (!subscribers.Any(s => s.Method == method))
        {
            return;
        }

        var sessionId = root.TryGetProperty("sessionId", out var session) ? session.GetString() : null;
        var parameters = root.TryGetProperty("params", out var paramsElement) ? paramsElement.Clone() : default;
        var cdpEvent = new CdpEvent(method, sessionId, parameters);
        foreach (var subscriber in subscribers)
        {
            if (subscriber.Method == method)
            {
                subscriber.Handler(cdpEvent);
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private sealed record CommandMessage(long Id, string Method, object Params, string? SessionId);

    private sealed class PendingCommand(string method)
    {
        public string Method { get; } = method;

        public TaskCompletionSource<JsonElement> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Subscription(CdpConnection connection, string method, Action<CdpEvent> handler) : IDisposable
    {
        public string Method { get; } = method;

        public Action<CdpEvent> Handler { get; } = handler;

        public void Dispose() => connection.Unsubscribe(this);
    }
}
