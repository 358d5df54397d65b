using System.Runtime.InteropServices;

namespace Actors.Benchmarks;

/// <summary>Describes the machine for the report: CPU model, core count, OS, .NET version.</summary>
internal static class MachineInfo
{
    public static string Describe() =>
        $"{CpuModel()}, {Environment.ProcessorCount} cores, {OsName()}, {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})";

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "unknown CPU";
    }

    private static string OsName()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (line is not null) return line["PRETTY_NAME=".Length..].Trim('"') + KernelRelease();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.OSDescription;
    }

    private static string KernelRelease()
    {
        const string path = "/proc/sys/kernel/osrelease";
        return File.Exists(path) ? $", Linux {File.ReadAllText(path).Trim()}" : "";
    }
}
