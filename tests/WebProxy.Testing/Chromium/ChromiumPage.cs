using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace WebProxy.Testing.Chromium;

/// <summary>
/// One browser tab, attached as a flattened DevTools session. It follows its main frame from events (which
/// document is current, which documents finished loading, the HTTP status each got), so waits for a page load
/// are answered by what Chromium reported and never by sleeping.
/// </summary>
public sealed class ChromiumPage : IAsyncDisposable
{
    private static readonly JsonSerializerOptions ValueOptions = new(JsonSerializerDefaults.Web);

    private readonly CdpConnection _connection;
    private readonly string _targetId;
    private readonly string _sessionId;
    private readonly TimeSpan _timeout;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<string, int> _documentStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _loadedDocuments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _answeredChallenges = new(StringComparer.Ordinal);
    private TaskCompletionSource _stateChanged = NewSignal();
    private volatile string _mainFrameId = string.Empty;
    private volatile string _mainDocument = string.Empty;
    private volatile NetworkCredential? _proxyCredentials;
    private volatile string? _crashed;
    private bool _fetchEnabled;

    private ChromiumPage(CdpConnection connection, string targetId, string sessionId, TimeSpan timeout)
    {
        _connection = connection;
        _targetId = targetId;
        _sessionId = sessionId;
        _timeout = timeout;
    }

    /// <summary>Attaches to a target made by <see cref="HeadlessChromium.NewPageAsync"/> and turns on the events it follows.</summary>
    internal static async Task<ChromiumPage> AttachAsync(CdpConnection connection, string targetId, TimeSpan timeout, NetworkCredential? proxyCredentials)
    {
        var attached = await connection.SendAsync("Target.attachToTarget", new { targetId, flatten = true }).ConfigureAwait(false);
        var sessionId = attached.GetProperty("sessionId").GetString()!;
        var page = new ChromiumPage(connection, targetId, sessionId, timeout);
        try
        {
            page.Listen();
            await page.SendAsync("Page.enable").ConfigureAwait(false);
            await page.SendAsync("Page.setLifecycleEventsEnabled", new { enabled = true }).ConfigureAwait(false);
            await page.SendAsync("Network.enable").ConfigureAwait(false);
            var tree = await page.SendAsync("Page.getFrameTree").ConfigureAwait(false);
            var frame = tree.GetProperty("frameTree").GetProperty("frame");
            page._mainFrameId = frame.GetProperty("id").GetString()!;
            page._mainDocument = frame.GetProperty("loaderId").GetString()!;
            if (proxyCredentials is not null)
            {
                await page.UseProxyCredentialsAsync(proxyCredentials.UserName, proxyCredentials.Password).ConfigureAwait(false);
            }

            return page;
        }
        catch
        {
            await page.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a DevTools command to this page's session; for whatever the helpers below do not cover.</summary>
    public Task<JsonElement> SendAsync(string method, object? parameters = null) =>
        _connection.SendAsync(method, parameters, _sessionId, _timeout);

    /// <summary>
    /// Loads <paramref name="url"/> and waits for its load event. Returns the HTTP status of the document (the
    /// final one after redirects), or null when the navigation stayed in the same document (a #fragment).
    /// A net error (refused tunnel, unreachable proxy) throws <see cref="ChromiumNavigationException"/>.
    /// </summary>
    public async Task<int?> NavigateAsync(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        var result = await SendAsync("Page.navigate", new { url }).ConfigureAwait(false);
        if (result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } errorText)
        {
            throw new ChromiumNavigationException(url, errorText);
        }

        if (!result.TryGetProperty("loaderId", out var loader) || loader.GetString() is not { Length: > 0 } loaderId)
        {
            return null;
        }

        await WaitUntilAsync(() => _loadedDocuments.ContainsKey(loaderId), () => $"the load event of {url}").ConfigureAwait(false);
        return _documentStatus.TryGetValue(loaderId, out var status) ? status : null;
    }

    /// <summary>
    /// Clicks <paramref name="cssSelector"/> (a submit button, a link) and waits until a new document replaced the
    /// current one and finished loading. Returns that document's HTTP status (null for an error page).
    /// </summary>
    public async Task<int?> SubmitAndWaitForNavigationAsync(string cssSelector)
    {
        var before = _mainDocument;
        await ClickAsync(cssSelector).ConfigureAwait(false);
        await WaitUntilAsync(
            () => _mainDocument != before && _loadedDocuments.ContainsKey(_mainDocument),
            () => $"a new document to load after clicking {cssSelector}").ConfigureAwait(false);
        return _documentStatus.TryGetValue(_mainDocument, out var status) ? status : null;
    }

    /// <summary>
    /// Runs <paramref name="expression"/> in the page (a promise is awaited) and returns its value converted from
    /// JSON; <c>undefined</c> gives default. A thrown error becomes a <see cref="JavaScriptException"/>.
    /// </summary>
    public async Task<T?> EvaluateAsync<T>(string expression)
    {
        ArgumentException.ThrowIfNullOrEmpty(expression);
        var answer = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }).ConfigureAwait(false);
        if (answer.TryGetProperty("exceptionDetails", out var details))
        {
            var description = details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var text)
                ? text.GetString()
                : null;
            throw new JavaScriptException(expression, description ?? details.GetProperty("text").GetString() ?? details.GetRawText());
        }

        return answer.GetProperty("result").TryGetProperty("value", out var value)
            ? value.Deserialize<T>(ValueOptions)
            : default;
    }

    /// <summary>
    /// Types <paramref name="value"/> into the field: sets its value through the element's own setter and fires
    /// <c>input</c> and <c>change</c>, as a person typing would, so scripts listening on the field see it.
    /// </summary>
    public Task FillAsync(string cssSelector, string value) =>
        EvaluateAsync<bool>(
            $$"""
            (() => {
              {{FindElement(cssSelector)}}
              element.focus();
              const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set;
              if (setter) { setter.call(element, {{Js(value)}}); } else { element.value = {{Js(value)}}; }
              element.dispatchEvent(new Event('input', { bubbles: true }));
              element.dispatchEvent(new Event('change', { bubbles: true }));
              return true;
            })()
            """);

    /// <summary>Clicks the element (<c>element.click()</c>); does not wait for anything the click starts.</summary>
    public Task ClickAsync(string cssSelector) =>
        EvaluateAsync<bool>($"(() => {{ {FindElement(cssSelector)} element.click(); return true; }})()");

    /// <summary>The element's rendered text (<c>innerText</c>); fails naming the selector when nothing matches.</summary>
    public async Task<string> TextAsync(string cssSelector) =>
        await EvaluateAsync<string>($"(() => {{ {FindElement(cssSelector)} return element.innerText; }})()").ConfigureAwait(false) ?? string.Empty;

    /// <summary>The whole current document as HTML.</summary>
    public async Task<string> ContentAsync() =>
        await EvaluateAsync<string>("document.documentElement.outerHTML").ConfigureAwait(false) ?? string.Empty;

    /// <summary>The address of the current document.</summary>
    public async Task<string> UrlAsync() =>
        await EvaluateAsync<string>("location.href").ConfigureAwait(false) ?? string.Empty;

    /// <summary>Writes a PNG of the visible page to <paramref name="path"/>, for a human looking at a failed run.</summary>
    public async Task ScreenshotAsync(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var answer = await SendAsync("Page.captureScreenshot", new { format = "png" }).ConfigureAwait(false);
        await File.WriteAllBytesAsync(path, answer.GetProperty("data").GetBytesFromBase64()).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a proxy's 407 with these credentials from now on. It turns on the Fetch domain, which pauses every
    /// request until it is continued, so it stays off for pages that need no credentials. A wrong password is
    /// offered once per request; the second challenge is cancelled, so the page shows the proxy's 407 instead of
    /// looping. Servers' own 401 challenges get Chromium's default (in headless: cancelled).
    /// </summary>
    public async Task UseProxyCredentialsAsync(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        _proxyCredentials = new NetworkCredential(user, password);
        if (!_fetchEnabled)
        {
            await SendAsync("Fetch.enable", new { handleAuthRequests = true, patterns = new[] { new { urlPattern = "*" } } }).ConfigureAwait(false);
            _fetchEnabled = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        try
        {
            await _connection.SendAsync("Target.closeTarget", new { targetId = _targetId }, timeout: TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CdpException or TimeoutException or InvalidOperationException)
        {
            // The browser is closing or already gone; the tab goes with it.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A JavaScript string literal: JSON's escaping is valid JavaScript, so no value can break out of it.</summary>
    private static string Js(string value) => JsonSerializer.Serialize(value);

    /// <summary>Declares <c>element</c>, or throws an error naming the selector and the page when nothing matches.</summary>
    private static string FindElement(string cssSelector)
    {
        ArgumentException.ThrowIfNullOrEmpty(cssSelector);
        return $"const element = document.querySelector({Js(cssSelector)}); " +
               $"if (!element) {{ throw new Error('No element matches the CSS selector ' + {Js(cssSelector)} + ' on ' + location.href); }}";
    }

    private void Listen()
    {
        On("Page.frameNavigated", e =>
        {
            var frame = e.Params.GetProperty("frame");
            if (!frame.TryGetProperty("parentId", out _))
            {
                _mainFrameId = frame.GetProperty("id").GetString()!;
                _mainDocument = frame.GetProperty("loaderId").GetString()!;
            }
        });
        On("Page.lifecycleEvent", e =>
        {
            if (e.Params.GetProperty("name").GetString() == "load" && e.Params.GetProperty("frameId").GetString() == _mainFrameId)
            {
                _loadedDocuments[e.Params.GetProperty("loaderId").GetString()!] = true;
            }
        });
        On("Network.responseReceived", e =>
        {
            if (e.Params.GetProperty("type").GetString() == "Document" && e.Params.TryGetProperty("loaderId", out var loader))
            {
                _documentStatus[loader.GetString()!] = e.Params.GetProperty("response").GetProperty("status").GetInt32();
            }
        });
        On("Inspector.targetCrashed", _ => _crashed = "the page crashed (Inspector.targetCrashed)");
        On("Inspector.detached", e => _crashed = $"DevTools detached from the page: {e.Params.GetProperty("reason").GetString()}");
        On("Fetch.requestPaused", e => Continue("Fetch.continueRequest", new { requestId = e.Params.GetProperty("requestId").GetString() }));
        On("Fetch.authRequired", e =>
        {
            var requestId = e.Params.GetProperty("requestId").GetString()!;
            var fromProxy = e.Params.GetProperty("authChallenge").TryGetProperty("source", out var source) && source.GetString() == "Proxy";
            var credentials = _proxyCredentials;
            object response = !fromProxy || credentials is null
                ? new { response = "Default" }
                : _answeredChallenges.TryAdd(requestId, true)
                    ? new { response = "ProvideCredentials", username = credentials.UserName, password = credentials.Password }
                    : new { response = "CancelAuth" };
            Continue("Fetch.continueWithAuth", new { requestId, authChallengeResponse = response });
        });
    }

    /// <summary>Subscribes to this page's own events; every event may change what a wait is waiting for.</summary>
    private void On(string method, Action<CdpEvent> handler) =>
        _subscriptions.Add(_connection.Subscribe(method, e =>
        {
            if (e.SessionId == _sessionId)
            {
                handler(e);
                Interlocked.Exchange(ref _stateChanged, NewSignal()).TrySetResult();
            }
        }));

    /// <summary>
    /// Answers a paused request without waiting on the receive loop (which would deadlock it). A failure means
    /// the request is already gone (the tab navigated on, the browser is closing), which is nothing to report.
    /// </summary>
    private void Continue(string method, object parameters) =>
        _ = SendAsync(method, parameters).ContinueWith(
            task => _ = task.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Waits until <paramref name="condition"/> holds after some event, failing fast if the page or the browser dies.</summary>
    private async Task WaitUntilAsync(Func<bool> condition, Func<string> waitingFor)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Read the signal before testing, so an event between the test and the wait still wakes us.
            var changed = Volatile.Read(ref _stateChanged).Task;
            if (condition())
            {
                return;
            }

            if (_crashed is { } crash)
            {
                throw new InvalidOperationException($"Waiting for {waitingFor()}: {crash}.");
            }

            if (_connection.Closed.IsCompleted)
            {
                var reason = await _connection.Closed.ConfigureAwait(false);
                throw new InvalidOperationException($"Waiting for {waitingFor()}: the DevTools connection closed: {reason.Message}", reason);
            }

            var remaining = _timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Chromium did not report {waitingFor()} within {_timeout}.");
            }

            try
            {
                await Task.WhenAny(changed, _connection.Closed).WaitAsync(remaining).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked once more at the top of the loop, then reported with what was awaited.
            }
        }
    }
}
