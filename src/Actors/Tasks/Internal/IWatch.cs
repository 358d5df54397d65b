namespace Actors.Internal;

/// <summary>A death watch as the watched task sees it.</summary>
internal interface IWatch : IDisposable
{
    /// <summary>Posts the termination notice, unless the watch was cancelled.</summary>
    void Deliver();
}
