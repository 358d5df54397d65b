using System.Globalization;
using System.Net;

namespace ChatLoad;

/// <summary>Command line of the load tool.</summary>
internal sealed record Args(IPEndPoint? Target, int? Pid, int Clients, int Senders, int Messages, double Rate, double PacedRate, int Idle, string? ServerDll, string? Only, int HoldSeconds)
{
    public static Args Parse(string[] args)
    {
        string? Get(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Dbl(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var target = Get("--target") is { } t ? IPEndPoint.Parse(t) : null;
        return new Args(target, Get("--pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            Int("--clients", 200), Int("--senders", 10), Int("--messages", 300), Dbl("--rate", 0), Dbl("--paced-rate", 20), Int("--idle", 0), Get("--server-dll"), Get("--only"), Int("--hold", 60));
    }
}
