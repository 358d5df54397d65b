using System.Collections.Concurrent;
using Actors;
using ChatServer.Connections;
using ChatServer.Server;

namespace ChatServer.Cluster;

/// <summary>
/// Stand-in client handles for the remote members of channels this node owns: channel actors keep them in their
/// member lists like local clients; lines for them go to their node's relay instead of a send queue. Added and
/// removed by the relay; read by channel actors.
/// </summary>
internal sealed class Ghosts
{
    private readonly ConcurrentDictionary<(string Node, long Id), ClientHandle> _byMember = new();
    private readonly ConcurrentDictionary<ClientHandle, Ghost> _info = new(ReferenceEqualityComparer.Instance);

    public bool TryGet(ClientHandle client, out Ghost ghost) => _info.TryGetValue(client, out ghost!);

    /// <summary>The handle of a remote client (made on first sight; its nick follows NICK commands).</summary>
    public ClientHandle GetOrAdd(ChatContext chat, Member member, IActorRef<RelayMsg> relay)
    {
        if (_byMember.TryGetValue((member.Node, member.Id), out var known)) return known;
        // A send queue that nothing drains: channels never write to a ghost's queue (they send to its relay).
        var handle = new ClientHandle(chat.NextId(), member.Host, new SendQueue(4096, static () => { }), chat.Time.GetUtcNow())
        {
            Nick = member.Nick,
            User = member.User,
            RealName = member.RealName,
            Registered = true,
        };
        _info[handle] = new Ghost(member.Node, member.Id, relay);
        _byMember[(member.Node, member.Id)] = handle;
        return handle;
    }

    public void Forget(ClientHandle client)
    {
        if (_info.TryRemove(client, out var ghost)) _byMember.TryRemove((ghost.Node, ghost.Id), out _);
    }

    /// <summary>Takes out every ghost of <paramref name="node"/> and returns them.</summary>
    public List<ClientHandle> RemoveNode(string node)
    {
        var gone = _info.Where(kv => kv.Value.Node == node).Select(kv => kv.Key).ToList();
        foreach (var client in gone) Forget(client);
        return gone;
    }
}
