namespace ChatServer.Channels;

/// <summary>A member's channel privileges.</summary>
[Flags]
internal enum MemberFlags
{
    None = 0,
    Op = 1,
    Voice = 2,
}
