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

    /// <summary>
    /// The tree of <paramref name="system"/>'s conf dir, unpacked within <paramref name="options"/>' limits and parsed; or
    /// why it could not be (the section was unreadable, the archive is malformed or too big, the XML is wrong).
    /// </summary>
    public static (ParsedConfig? Config, string? Error, IConfigFileSource? Source) Load(
        SystemFacts system, IReadOnlyDictionary<string, string> runtime, FreeSwitchFactsOptions options)
    {
        if (system.ConfTar.UnreadableReason is { } why)
        {
            return (null, $"the configuration in {system.ConfDir} could not be read: {why}", null);
        }

        ConfigArchive source;
        try
        {
            source = ConfigArchive.Read(system.ConfTar.Value, system.ConfDir, options);
        }
        catch (ConfigArchiveException ex)
        {
            return (null, $"the configuration of {system.ConfDir} could not be transferred: {ex.Message}", null);
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
    public static Dictionary<string, double> FileTimes(IConfigFileSource? source) =>
        source is ConfigArchive archive ? new Dictionary<string, double>(archive.Modified, StringComparer.Ordinal) : new Dictionary<string, double>(StringComparer.Ordinal);
}
