using System.Reflection;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;

namespace Orchestrator.Core.Configuration;

/// <summary>Finds and reads ansible.cfg and resolves every setting we implement: environment over file over default.</summary>
public static class AnsibleConfigurationLoader
{
    private static readonly Lazy<HashSet<IniEntry>> KnownToAnsible = new(ReadKnownKeys);

    /// <summary>Loads the configuration this process would use.</summary>
    public static AnsibleConfiguration Load() => Load(ConfigEnvironment.Current);

    /// <exception cref="UserInputException">The file cannot be read or parsed, or a value has the wrong type (with file:line and the key).</exception>
    public static AnsibleConfiguration Load(ConfigEnvironment environment, string systemPath = AnsibleConfigLocator.SystemPath)
    {
        var (path, warning) = AnsibleConfigLocator.Find(environment, systemPath);
        var file = path is null ? null : IniFile.Parse(path, BoundedFile.ReadAllText(path, "an ansible.cfg file"));
        var settings = SettingDefinitions.All.Select(d => Resolve(d, file, environment)).ToList();
        Validate(settings);
        return new AnsibleConfiguration(path, settings, Ignored(file), warning is null ? [] : [warning]);
    }

    private static ResolvedSetting Resolve(SettingDefinition definition, IniFile? file, ConfigEnvironment environment)
    {
        foreach (var name in definition.Env)
        {
            if (environment.Variable(name) is { } raw)
            {
                var value = SettingValueParser.Parse(definition, raw, environment.WorkingDirectory, environment, $"environment variable {name}", null);
                return new ResolvedSetting(definition, value, SettingOrigin.Env(name));
            }
        }

        // As Ansible's get_config_value_and_origin: of several places in the file, the last one listed that is set wins.
        (IniEntry Entry, IniValue Value)? found = null;
        foreach (var entry in definition.Ini)
        {
            if (file?.Get(entry.Section, entry.Key) is { } value)
            {
                found = (entry, value);
            }
        }

        if (file is not null && found is { } hit)
        {
            var location = new SourceLocation(file.Path, hit.Value.Line, 1);
            var value = SettingValueParser.Parse(definition, hit.Value.Value, Path.GetDirectoryName(file.Path)!, environment, $"{hit.Entry.Key} in [{hit.Entry.Section}]", location);
            return new ResolvedSetting(definition, value, new SettingOrigin(file.Path, location));
        }

        return new ResolvedSetting(definition, definition.Default, SettingOrigin.Default);
    }

    /// <summary>Values of the right type that this tool still cannot use are refused here, before anything runs.</summary>
    private static void Validate(List<ResolvedSetting> settings)
    {
        foreach (var setting in settings)
        {
            var problem = setting.Definition.Name switch
            {
                SettingNames.Forks when setting.Value is int forks && forks is < 1 or > 1000 => "expected 1 to 1000 forks",
                SettingNames.Timeout when setting.Value is int timeout && timeout is < 1 or > 3600 => "expected 1 to 3600 seconds",
                SettingNames.Gathering when setting.Value is string g && g is not ("implicit" or "explicit" or "smart") => "expected implicit, explicit or smart",
                SettingNames.BecomeMethod when setting.Value is string m && m != "sudo" => "expected sudo, the only become method orchestrator supports",
                _ => null,
            };
            if (problem is not null)
            {
                var where = setting.Origin.Location is null ? $"{setting.Origin.Text} ({setting.Definition.Name})" : $"{setting.Definition.Ini[0].Key} ({setting.Definition.Name})";
                throw new UserInputException($"{where}: found '{Format(setting.Value)}'; {problem}", setting.Origin.Location);
            }
        }
    }

    private static string Format(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static List<IgnoredKey> Ignored(IniFile? file)
    {
        if (file is null)
        {
            return [];
        }

        var implemented = SettingDefinitions.All.SelectMany(d => d.Ini).ToHashSet();
        return file.Options
            .Select(o => new IgnoredKey(new IniEntry(o.Section, o.Key), o.Value.Value, o.Value.Line))
            .Where(k => KnownToAnsible.Value.Contains(k.Entry) && !implemented.Contains(k.Entry))
            .ToList();
    }

    private static HashSet<IniEntry> ReadKnownKeys()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Orchestrator.Core.Configuration.AnsibleKnownKeys.txt")
            ?? throw new InvalidOperationException("the embedded list of Ansible's configuration keys is missing");
        using var reader = new StreamReader(stream);
        var keys = new HashSet<IniEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#') && line.Split(' ') is [var section, var key])
            {
                keys.Add(new IniEntry(section, key));
            }
        }

        return keys;
    }
}
