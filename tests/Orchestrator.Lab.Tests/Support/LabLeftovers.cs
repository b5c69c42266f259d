using Orchestrator.Lab.Setup;

namespace Orchestrator.Lab.Tests.Support;

/// <summary>What a lab could leave behind on the machine: namespaces, interfaces, mounts, files.</summary>
internal static class LabLeftovers
{
    public static async Task<List<string>> FindAsync(string labName, string interfacePrefix, string directory)
    {
        var found = new List<string>();
        var netns = await Programs.RunAsync("ip", "netns", "list");
        found.AddRange(netns.Stdout.Split('\n').Where(l => l.StartsWith($"olab-{labName}-", StringComparison.Ordinal)).Select(l => "netns " + l));
        var links = await Programs.RunAsync("ip", "-br", "link");
        found.AddRange(links.Stdout.Split('\n').Where(l => l.StartsWith(interfacePrefix, StringComparison.Ordinal)).Select(l => "link " + l.Split(' ')[0]));
        found.AddRange(LabTeardown.MountsUnder(directory).Select(m => "mount " + m));
        if (Directory.Exists(directory))
        {
            found.AddRange(Directory.EnumerateFileSystemEntries(directory).Select(e => "file " + e));
        }

        return found;
    }
}
