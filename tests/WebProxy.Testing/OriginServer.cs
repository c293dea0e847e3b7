using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebProxy.Testing;

/// <summary>
/// A real Kestrel origin on 127.0.0.1 with the endpoints the proxy tests need. With certificates, it speaks
/// TLS (HTTP/1.1 and HTTP/2 by ALPN) and picks the certificate by SNI, so one origin plays every bad site.
/// </summary>
public sealed class OriginServer : IAsyncDisposable
{
    public const int KiB = 1024;

    private readonly WebApplication _app;

    private OriginServer(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    /// <summary>Request heads the origin received, for assertions on what the proxy forwarded.</summary>
    public List<IHeaderDictionary> ReceivedHeaders { get; } = [];

    public static async Task<OriginServer> StartAsync(TestCertificates? certificates = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificates is not null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, name) => certificates.ForHost(name));
                }
            });
        });

        var app = builder.Build();
        var origin = new OriginServer(app);
        app.UseWebSockets();
        origin.MapEndpoints(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        origin.Port = new Uri(address).Port;
        return origin;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapEndpoints(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            lock (ReceivedHeaders)
            {
                var copy = new HeaderDictionary();
                foreach (var header in context.Request.Headers)
                {
                    copy[header.Key] = header.Value;
                }

                ReceivedHeaders.Add(copy);
            }

            await next(context).ConfigureAwait(false);
        });

        app.MapGet("/hello", () => Results.Text("hello from the origin", "text/plain"));
        app.MapGet("/kib", () => Results.Bytes(Encoding.ASCII.GetBytes(new string('x', KiB)), "text/plain"));
        app.MapGet("/protocol", (HttpContext context) => Results.Text(context.Request.Protocol));
        app.MapGet("/headers", (HttpContext context) =>
            Results.Json(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapMethods("/bytes/{count:long}", ["GET", "HEAD"], StreamBytesAsync);
        app.MapPost("/count", (Delegate)CountBodyAsync);
        app.MapPut("/count", (Delegate)CountBodyAsync);
        app.MapPost("/echo", EchoAsync);
        app.MapGet("/trailers", async (HttpContext context) =>
        {
            context.Response.DeclareTrailer("x-checksum");
            await context.Response.WriteAsync("body with trailers").ConfigureAwait(false);
            context.Response.AppendTrailer("x-checksum", "abc123");
        });
        app.MapGet("/slow/{milliseconds:int}", async (int milliseconds, CancellationToken cancellationToken) =>
        {
            await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
            return Results.Text("slow answer");
        });
        app.MapMethods("/options", ["OPTIONS"], (HttpContext context) =>
        {
            context.Response.Headers.Allow = "GET, OPTIONS";
            return Results.Ok();
        });
        app.Map("/ws", EchoWebSocketAsync);
    }

    /// <summary>Streams <paramref name="count"/> bytes of a repeating pattern; without Content-Length when ?chunked=1.</summary>
    private static async Task StreamBytesAsync(HttpContext context, long count)
    {
        if (context.Request.Query["chunked"] != "1")
        {
            context.Response.ContentLength = count;
        }

        context.Response.ContentType = "application/octet-stream";
        var block = Pattern(64 * KiB);
        for (long sent = 0; sent < count;)
        {
            var size = (int)Math.Min(block.Length, count - sent);
            await context.Response.Body.WriteAsync(block.AsMemory(0, size), context.RequestAborted).ConfigureAwait(false);
            sent += size;
        }
    }

    private static async Task<IResult> CountBodyAsync(HttpContext context)
    {
        var buffer = new byte[64 * KiB];
        long total = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return Results.Text(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task EchoAsync(HttpContext context)
    {
        context.Response.ContentType = context.Request.ContentType ?? "application/octet-stream";
        await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task EchoWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var buffer = new byte[16 * KiB];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The byte pattern /bytes sends: position modulo 251, so a shifted or dropped block is detected.</summary>
    public static byte[] Pattern(int length)
    {
        var block = new byte[length];
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = (byte)(i % 251);
        }

        return block;
    }
}
