using System.Text.Json;

namespace WebProxy.Testing.Chromium;

/// <summary>
/// One DevTools event. <see cref="SessionId"/> says which attached target sent it (null for the browser itself);
/// with flattened sessions every page's events arrive on the one browser connection.
/// </summary>
public sealed record CdpEvent(string Method, string? SessionId, JsonElement Params);
