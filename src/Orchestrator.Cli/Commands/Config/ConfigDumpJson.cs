using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Core.Configuration;

namespace Orchestrator.Cli.Commands.Config;

/// <summary>
/// <c>config dump -o json</c>: <c>config_file</c>; <c>settings</c>, each shaped as in <c>ansible-config dump -f json</c>
/// (<c>name</c>, <c>origin</c>, <c>type</c>, <c>value</c>) plus <c>plugin</c> and <c>note</c> where they apply; and
/// <c>ignored</c>, the keys Ansible reads and orchestrator does not implement.
/// </summary>
internal static class ConfigDumpJson
{
    public static void Write(TextWriter output, AnsibleConfiguration config, bool onlyChanged)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("config_file", config.ConfigFile);
            json.WriteStartArray("settings");
            foreach (var setting in config.Settings.Where(s => !onlyChanged || !s.Origin.IsDefault).OrderBy(s => s.Definition.Plugin).ThenBy(s => s.Definition.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", setting.Definition.Name);
                json.WriteString("origin", setting.Origin.Text);
                json.WriteNull("type");
                json.WritePropertyName("value");
                WriteValue(json, setting.Value);
                if (setting.Definition.Plugin is { } plugin)
                {
                    json.WriteString("plugin", plugin);
                }

                if (setting.Definition.Note is { } note)
                {
                    json.WriteString("note", note);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("ignored");
            foreach (var key in config.IgnoredKeys)
            {
                json.WriteStartObject();
                json.WriteString("section", key.Entry.Section);
                json.WriteString("key", key.Entry.Key);
                json.WriteString("value", key.Value);
                json.WriteNumber("line", key.Line);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IEnumerable<string> list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
        }
    }
}
