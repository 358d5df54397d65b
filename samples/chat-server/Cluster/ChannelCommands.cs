namespace ChatServer.Cluster;

/// <summary>The <see cref="RelayMsg.Command.Op"/> values.</summary>
internal static class ChannelCommands
{
    public const string Say = "SAY";          // Args: PRIVMSG|NOTICE, text
    public const string Part = "PART";        // Args: [reason]
    public const string Quit = "QUIT";        // Args: the QUIT line (sent by the owner to every node but the quitter's)
    public const string Nick = "NICK";        // Args: the NICK line; Who carries the new nick
    public const string Topic = "TOPIC";      // Args: [text]
    public const string Names = "NAMES";
    public const string Who = "WHO";
    public const string Mode = "MODE";        // Args: the mode arguments
    public const string Kick = "KICK";        // Args: target nick, reason
    public const string Invite = "INVITE";    // Target: the invited client
}
