using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Timeline.Api.Tests.Browser;

/// <summary>A one-page site on its own localhost port: the "any site" a widget is embedded in.</summary>
public sealed class NewsroomSite : IDisposable
{
    private readonly HttpListener _listener = new();

    private NewsroomSite(string html)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://localhost:{port}/article");
        _listener.Prefixes.Add($"http://localhost:{port}/");
        _listener.Start();
        _ = ServeAsync(Encoding.UTF8.GetBytes(html));
    }

    public Uri Url { get; }

    public static NewsroomSite Start(string html) => new(html);

    private async Task ServeAsync(byte[] body)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            if (context.Request.Url?.AbsolutePath != "/article")
                context.Response.StatusCode = 404;
            else
                await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
