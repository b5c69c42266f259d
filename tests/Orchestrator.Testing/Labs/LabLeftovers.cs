using Orchestrator.Lab;
using Orchestrator.Lab.Setup;

namespace Orchestrator.Testing.Labs;

/// <summary>What a lab could leave behind on the machine: namespaces, interfaces, mounts, files.</summary>
public static class LabLeftovers
{
    public static async Task<List<string>> FindAsync(string labName, string interfacePrefix, string directory)
    {
        var found = new List<string>();
        var netns = await ProcessRunner.RunAsync("ip", "netns", "list");
        found.AddRange(netns.Stdout.Split('\n').Where(l => l.StartsWith($"olab-{labName}-", StringComparison.Ordinal)).Select(l => "netns " + l));
        var links = await ProcessRunner.RunAsync("ip", "-br", "link");
        found.AddRange(links.Stdout.Split('\n').Where(l => l.StartsWith(interfacePrefix, StringComparison.Ordinal)).Select(l => "link " + l.Split(' ')[0]));
        found.AddRange(LabTeardown.MountsUnder(directory).Select(m => "mount " + m));
        if (Directory.Exists(directory))
        {
            found.AddRange(Directory.EnumerateFileSystemEntries(directory).Select(e => "file " + e));
        }

        return found;
    }

    /// <summary>As <see cref="FindAsync(string, string, string)"/>, with the interface prefix the lab's name gives.</summary>
    public static Task<List<string>> FindAsync(string labName, string directory) => FindAsync(labName, new LabNames(labName).InterfacePrefix, directory);
}
