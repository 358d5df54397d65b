using ChatServer.Connections;

namespace ChatServer.Cluster;

/// <summary>A client as other nodes see it: its node, its id there, and what channels show of it.</summary>
internal sealed record Member(string Node, long Id, string Nick, string User, string Host, string RealName)
{
    public static Member Of(string node, ClientHandle client) => new(node, client.Id, client.Nick, client.User, client.Host, client.RealName);
}
