using System.Text;
using Orchestrator.Core.Configuration;

namespace Orchestrator.Cli.Commands.Config;

/// <summary>
/// <c>config dump</c> as text: <c>ansible-config dump</c>'s lines (<c>NAME(origin) = value</c>, sorted, the ssh plugin's
/// options under <c>ssh:</c> as <c>ansible-config dump -t connection ssh</c> shows them), then what Ansible would use
/// and orchestrator does not, and our notes.
/// </summary>
internal static class ConfigDumpText
{
    public static string Render(AnsibleConfiguration config, bool onlyChanged)
    {
        var text = new StringBuilder();
        var shown = config.Settings.Where(s => !onlyChanged || !s.Origin.IsDefault).ToList();

        // Ansible sorts CONFIG_FILE (origin empty, always shown) among the other names.
        var lines = shown.Where(s => s.Definition.Plugin is null)
            .Select(s => (s.Definition.Name, Text: Line(s)))
            .Append((Name: "CONFIG_FILE", Text: $"CONFIG_FILE() = {config.ConfigFile ?? "None"}\n"));
        foreach (var line in lines.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Text))
        {
            text.Append(line);
        }

        foreach (var plugin in shown.Where(s => s.Definition.Plugin is not null).GroupBy(s => s.Definition.Plugin!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(plugin.Key).Append(":\n").Append('_', plugin.Key.Length).Append('\n');
            foreach (var setting in plugin.OrderBy(s => s.Definition.Name, StringComparer.Ordinal))
            {
                text.Append(Line(setting));
            }
        }

        if (config.IgnoredKeys.Count > 0)
        {
            text.Append("\nignored by orchestrator (Ansible reads these; orchestrator does not implement them):\n");
            foreach (var key in config.IgnoredKeys)
            {
                text.Append($"[{key.Entry.Section}] {key.Entry.Key}({config.ConfigFile}:{key.Line}) = {key.Value}\n");
            }
        }

        var notes = shown.Where(s => s.Definition.Note is not null).OrderBy(s => s.Definition.Name, StringComparer.Ordinal).ToList();
        if (notes.Count > 0)
        {
            text.Append("\norchestrator notes:\n");
            foreach (var setting in notes)
            {
                text.Append($"{setting.Definition.Name}: {setting.Definition.Note}\n");
            }
        }

        return text.ToString();
    }

    private static string Line(ResolvedSetting setting) =>
        $"{setting.Definition.Name}({setting.Origin.Text}) = {PythonText.Str(setting.Value)}\n";
}
