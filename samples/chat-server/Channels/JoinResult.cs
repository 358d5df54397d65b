namespace ChatServer.Channels;

/// <summary>Outcome of a JOIN.</summary>
internal enum JoinResult
{
    /// <summary>Joined; the channel sent JOIN, topic and names.</summary>
    Joined,

    /// <summary>Refused; the channel sent the numeric.</summary>
    Refused,

    /// <summary>Already a member; nothing sent.</summary>
    AlreadyOn,

    /// <summary>The channel is closing (it emptied); look it up again.</summary>
    Gone,
}
