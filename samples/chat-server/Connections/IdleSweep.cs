using Actors;
using ChatServer.Server;

namespace ChatServer.Connections;

/// <summary>One periodic sweep over every client's activity stamps, instead of a timer per connection: only a client that
/// is due (PING to send, PING or registration timed out) is told <see cref="ConnMsg.Tick"/>, and decides for itself.</summary>
internal static class IdleSweep
{
    /// <summary>The sweep's body, run as the process <c>/chat/idle</c>; its timer uses the chat clock (fake in tests).</summary>
    public static async Task RunAsync(ActorContext ctx, ChatContext chat)
    {
        var options = chat.Options;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, Math.Min(options.PingInterval.Ticks, options.PingTimeout.Ticks) / 4));
        using var timer = chat.Time.CreateTimer(_ => Sweep(chat), null, period, period);
        await Task.Delay(Timeout.Infinite, ctx.Cancellation).ConfigureAwait(false);
    }

    public static void Sweep(ChatContext chat)
    {
        var now = chat.Time.GetUtcNow().UtcTicks;
        var options = chat.Options;
        foreach (var client in chat.Clients.Values)
            if (IsDue(client, now, options)) client.Ref?.TryTell(ConnMsg.Tick.Instance);
    }

    /// <summary>Whether the client has something to do at <paramref name="now"/> (UTC ticks): the same tests as the connection's own.</summary>
    public static bool IsDue(ClientHandle client, long now, ChatOptions options)
    {
        if (!client.Registered) return now - client.SignOn.UtcTicks >= options.PingTimeout.Ticks;
        var pingSent = Volatile.Read(ref client.PingSentTicks);
        return pingSent != 0 ? now - pingSent >= options.PingTimeout.Ticks : now - Volatile.Read(ref client.LastActivityTicks) >= options.PingInterval.Ticks;
    }
}
