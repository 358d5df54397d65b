namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>The live page: one embedded HTML file with its script and style inline (no CDN, no build step).</summary>
internal static class LivePage
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(LivePage).Assembly.GetManifestResourceStream("Actors.Hosting.AspNetCore.ui.html")
            ?? throw new InvalidOperationException("The live page resource is missing from Actors.Hosting.AspNetCore.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
