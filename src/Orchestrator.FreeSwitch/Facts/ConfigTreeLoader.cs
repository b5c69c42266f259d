using System.IO.Compression;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.FreeSwitch.Configuration;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Reads the configuration tree the facts script sent (<c>conf_tar</c>) through the shared reader, with the host's runtime variables.</summary>
internal static class ConfigTreeLoader
{
    /// <summary>
    /// Parsing a configuration tree is CPU-bound and holds its expanded XML (tens of MB for the vanilla tree) until
    /// it is done; at fleet scale every host's tree arrives at once, so at most one parse per core runs at a time.
    /// </summary>
    private static readonly SemaphoreSlim ParseGate = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>Runs a configuration parse under <see cref="ParseGate"/>.</summary>
    public static async Task<T> GatedAsync<T>(Func<T> parse, CancellationToken cancellationToken)
    {
        await ParseGate.WaitAsync(cancellationToken);
        try
        {
            return parse();
        }
        finally
        {
            ParseGate.Release();
        }
    }

    /// <summary>The tree of <paramref name="system"/>'s conf dir, parsed; or why it could not be.</summary>
    public static (ParsedConfig? Config, string? Error, IConfigFileSource? Source) Load(SystemFacts system, IReadOnlyDictionary<string, string> runtime)
    {
        if (!system.ConfTar.IsReadable)
        {
            return (null, $"{system.ConfDir}/freeswitch.xml not found on the host", null);
        }

        InMemoryConfigSource source;
        try
        {
            using var gz = new GZipStream(new MemoryStream(Convert.FromBase64String(system.ConfTar.Value)), CompressionMode.Decompress);
            using var tar = new MemoryStream();
            gz.CopyTo(tar);
            tar.Position = 0;
            source = InMemoryConfigSource.FromTar(tar, system.ConfDir);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            return (null, $"the configuration tree of {system.ConfDir} could not be transferred: {ex.Message}", null);
        }

        var (config, error) = Parse(source, system.ConfDir, runtime);
        return (config, error, source);
    }

    public static (ParsedConfig? Config, string? Error) Parse(IConfigFileSource source, string confDir, IReadOnlyDictionary<string, string> runtime)
    {
        var options = new ConfigLoadOptions { ConfDir = confDir };
        foreach (var (k, v) in runtime)
        {
            options.RuntimeVariables[k] = v;
        }

        try
        {
            var config = FreeSwitchConfiguration.Load(source, options);
            return (new ParsedConfig(config, EffectiveSettings.From(config, confDir)), null);
        }
        catch (FreeSwitchConfigException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The configuration files' modification times (Unix seconds), from the tar's pax headers.</summary>
    public static Dictionary<string, double> FileTimes(IConfigFileSource? source)
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        if (source is InMemoryConfigSource memory)
        {
            foreach (var (path, modified) in memory.Modified)
            {
                times[path] = (modified.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            }
        }

        return times;
    }
}
