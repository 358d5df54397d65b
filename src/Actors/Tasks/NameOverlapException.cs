namespace Actors;

/// <summary>Two tasks wanted the same name under one parent (see <see cref="NameConflictPolicy"/>).</summary>
public sealed class NameOverlapException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The contested path.</param>
    /// <param name="message">What happened and what to do.</param>
    public NameOverlapException(string path, string message) : base(message) => Path = path;

    /// <summary>The contested path.</summary>
    public string Path { get; }
}
