namespace Actors;

/// <summary>Rules for names and paths (<c>/server/connections/42</c>).</summary>
internal static class ActorPath
{
    public const char Separator = '/';

    public static void ValidateName(string? name, string paramName = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A task name must not be empty or blank; pass null (or no name) for an anonymous task.", paramName);
        if (name.Contains(Separator))
            throw new ArgumentException($"Task name '{name}' contains '/', which separates path segments; spawn a child under that task instead.", paramName);
        if (name[0] == '$')
            throw new ArgumentException($"Task name '{name}' starts with '$', which is reserved for anonymous tasks' ids.", paramName);
    }

    public static string[] Split(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path[0] != Separator)
            throw new ArgumentException($"Path '{path}' must start with '/', as in /server/connections/42.", nameof(path));
        return path.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
    }
}
