using System.Net.WebSockets;
using ChatServer.Connections;

namespace ChatServer.Web;

/// <summary>The web chat page (<c>/</c>) and its WebSocket (<c>/chat/ws</c>): the page is a small IRC client; the socket
/// carries IRC lines as binary frames, so a browser user is one more connection actor.</summary>
internal static class WebChat
{
    private static readonly Lazy<string> s_page = new(() =>
    {
        using var stream = typeof(WebChat).Assembly.GetManifestResourceStream("chat.html")
            ?? throw new InvalidOperationException("The embedded resource chat.html is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(s_page.Value, "text/html; charset=utf-8"));
        app.Map("/chat/ws", HandleAsync);
    }

    private static async Task HandleAsync(HttpContext http, ChatService chat)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Open this address with a WebSocket; the page at / does.").ConfigureAwait(false);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var stream = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new StreamTransport(stream, ClientTransport.HostName(http.Connection.RemoteIpAddress), () => _ = CloseAsync(socket, closed));
        var task = await chat.Server.AdmitAsync(transport).ConfigureAwait(false);
        if (task is not null) await task.WhenFinishedAsync().ConfigureAwait(false);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
    }

    private static async Task CloseAsync(WebSocket socket, TaskCompletionSource closed)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing link", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            socket.Abort();
        }
        closed.TrySetResult();
    }
}
