using System.IO.Compression;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Facts;

/// <summary>How the sweep reads hosts.</summary>
public sealed class GatherOptions
{
    /// <summary>Run the facts scripts through sudo (needed to see FreeSWITCH's sockets and log unless logging in as root).</summary>
    public bool Become { get; init; }

    public string? BecomeUser { get; init; }

    /// <summary>How long each of the policy's own commands may run.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Facts collector settings (conf dir, log file, fs_cli path); the bind error window is set per policy.</summary>
    public Action<FreeSwitchFactsOptions>? ConfigureFacts { get; init; }
}

/// <summary>
/// Gathers a host's facts with Orchestrator.FreeSwitch's collector (two round trips at most: system, then fs_cli),
/// the policy's commands riding in the first, and asks it for the §12 placement.
/// </summary>
internal sealed class FreeSwitchFactsGatherer(GatherOptions options) : IHostFactsGatherer
{
    /// <summary>The collector's section marker, to find the configuration tree it already transferred (for config_param).</summary>
    private const string FsSectionMarker = "@@orchestrator-fs@@ ";

    public async Task<HostFacts> GatherAsync(IHostConnection connection, FactsRequest request, CancellationToken cancellationToken)
    {
        var factsOptions = new FreeSwitchFactsOptions();
        options.ConfigureFacts?.Invoke(factsOptions);
        if (request.BindErrorWindow > TimeSpan.Zero)
        {
            factsOptions.BindErrorWindow = request.BindErrorWindow;
        }

        var shell = new ProbeBatchingShell(new ConnectionShell(connection, options.Become, options.BecomeUser), request.Probes, options.ProbeTimeout);
        FreeSwitchHostFacts fs;
        try
        {
            fs = await new FreeSwitchFactsCollector(factsOptions).CollectAsync(shell, cancellationToken);
        }
        catch (FactsException ex)
        {
            return new HostFacts { FreeSwitchError = ex.Message, Probes = shell.Results };
        }

        PlacementReport? placement = null;
        if (fs.Config is not null)
        {
            placement = CapturePlacement.Check(fs.PlacementInput());
        }

        var configuration = request.NeedConfiguration && fs.Config is not null && shell.FirstOutput is { } output
            ? ParseConfiguration(output, fs)
            : null;
        return new HostFacts { FreeSwitch = fs, Placement = placement, Configuration = configuration, Probes = shell.Results };
    }

    /// <summary>Reads the whole configuration from the tar the collector transferred, with the same runtime variables.</summary>
    internal static FreeSwitchConfiguration? ParseConfiguration(string output, FreeSwitchHostFacts fs)
    {
        var tar = Section(output, "conf_tar")?.Trim();
        if (string.IsNullOrEmpty(tar))
        {
            return null;
        }

        try
        {
            using var gz = new GZipStream(new MemoryStream(Convert.FromBase64String(tar)), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gz.CopyTo(plain);
            plain.Position = 0;
            var source = InMemoryConfigSource.FromTar(plain, fs.ConfDir);
            var load = new ConfigLoadOptions { ConfDir = fs.ConfDir };
            foreach (var (k, v) in fs.RuntimeVariables)
            {
                load.RuntimeVariables[k] = v;
            }

            return FreeSwitchConfiguration.Load(source, load);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or FreeSwitchConfigException)
        {
            return null;
        }
    }

    private static string? Section(string output, string name)
    {
        var start = output.IndexOf("\n" + FsSectionMarker + name + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start = output.IndexOf('\n', start + 1) + 1;
        var end = output.IndexOf("\n" + FsSectionMarker, start, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }
}
