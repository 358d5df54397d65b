using Actors;

namespace ChatServer.Cluster;

/// <summary>Where a remote member of a channel owned here lives: its node, its client id there, and that node's relay.</summary>
internal sealed record Ghost(string Node, long Id, IActorRef<RelayMsg> Relay);
