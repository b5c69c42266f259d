using System.Text;
using System.Text.Json;
using Orchestrator.Core.Errors;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory.Scripts;

/// <summary>
/// Ansible's script inventory plugin (plugins/inventory/script.py): runs the script with <c>--list</c>; each
/// top-level key but <c>_meta</c> is a group (a list of hosts, or a mapping with <c>hosts</c>, <c>vars</c>,
/// <c>children</c>; a mapping with none of those is the variables of a host named like the group); the
/// hosts' variables come from <c>_meta.hostvars</c> when present, otherwise from <c>--host NAME</c> per host.
/// Unlike Ansible, a failing <c>--host</c> call is an error too, not silently no variables.
/// </summary>
internal sealed class ScriptInventoryParser(InventoryData data, string path, TimeSpan timeout)
{
    private static readonly byte[] ElfMagic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    private readonly List<string> _hosts = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether Ansible's script plugin would run this file: it is executable and the kernel can run it
    /// (a <c>#!</c> line or an ELF binary). An executable file without either fails to start under Ansible,
    /// which then reads it as a static inventory; so does Orchestrator, without trying to run it.
    /// </summary>
    public static bool IsScript(string path)
    {
        if (OperatingSystem.IsWindows() ||
            (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            return false;
        }

        try
        {
            Span<byte> head = stackalloc byte[4];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            return (read >= 2 && head[0] == '#' && head[1] == '!') || head[..read].SequenceEqual(ElfMagic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Parse()
    {
        var processed = RunForJson(["--list"]);
        if (processed is not Dictionary<string, object?> groups)
        {
            throw Error($"found {Describe(processed)} as the output of '{InventoryScriptRunner.Describe(path, ["--list"])}'; expected a JSON object of groups");
        }

        object? hostvars = null;
        var haveHostvars = false;
        foreach (var (group, groupData) in groups)
        {
            if (group == "_meta")
            {
                if (groupData is Dictionary<string, object?> meta && meta.TryGetValue("hostvars", out var hv))
                {
                    hostvars = hv;
                    haveHostvars = true;
                }
            }
            else
            {
                ParseGroup(group, groupData);
            }
        }

        foreach (var host in _hosts)
        {
            object? variables;
            if (!haveHostvars)
            {
                variables = HostVariables(host);
            }
            else if (hostvars is Dictionary<string, object?> all)
            {
                variables = all.TryGetValue(host, out var v) ? v : new Dictionary<string, object?>();
            }
            else
            {
                throw Error($"found _meta.hostvars = {Describe(hostvars)}; expected a JSON object of host names to variables");
            }

            if (variables is not Dictionary<string, object?> vars)
            {
                throw Error($"found the variables of host '{host}' = {Describe(variables)}; expected a JSON object");
            }

            foreach (var (key, value) in vars)
            {
                data.SetVariable(host, key, value);
            }
        }
    }

    private void ParseGroup(string name, object? groupData)
    {
        if (name.Length == 0)
        {
            throw Error("found a group with an empty name; expected a group name");
        }

        var group = data.AddGroup(name);
        Dictionary<string, object?> section;
        if (groupData is not Dictionary<string, object?> d)
        {
            section = new(StringComparer.Ordinal) { ["hosts"] = groupData };
        }
        else if (!d.ContainsKey("hosts") && !d.ContainsKey("vars") && !d.ContainsKey("children"))
        {
            // Ansible's shorthand: a mapping of variables for a host named like the group.
            section = new(StringComparer.Ordinal) { ["hosts"] = new List<object?> { name }, ["vars"] = d };
        }
        else
        {
            section = d;
        }

        if (section.TryGetValue("hosts", out var hosts))
        {
            if (hosts is not List<object?> list)
            {
                throw Error($"found the hosts of group '{name}' = {Describe(hosts)}; expected a list of host names");
            }

            foreach (var item in list)
            {
                if (item is not string host || host.Length == 0)
                {
                    throw Error($"found the host name {Describe(item)} in group '{name}'; expected a non-empty string");
                }

                if (_seen.Add(host))
                {
                    _hosts.Add(host);
                }

                data.AddHost(host, group, port: null);
            }
        }

        if (section.TryGetValue("vars", out var vars))
        {
            if (vars is not Dictionary<string, object?> variables)
            {
                throw Error($"found the vars of group '{name}' = {Describe(vars)}; expected a JSON object");
            }

            foreach (var (key, value) in variables)
            {
                data.SetVariable(name, key, value);
            }
        }

        if (section.TryGetValue("children", out var children))
        {
            foreach (var child in children switch
            {
                List<object?> l => l,
                Dictionary<string, object?> m => m.Keys.Cast<object?>(),
                string s => s.Select(c => (object?)c.ToString()),
                _ => throw Error($"found the children of group '{name}' = {Describe(children)}; expected a list of group names"),
            })
            {
                if (child is not string childName || childName.Length == 0)
                {
                    throw Error($"found the child {Describe(child)} in group '{name}'; expected a group name");
                }

                data.AddChild(group, data.AddGroup(childName).Name);
            }
        }
    }

    // `script --host NAME`: empty output is no variables.
    private object? HostVariables(string host)
    {
        var arguments = new[] { "--host", host };
        var run = Run(arguments);
        if (Encoding.UTF8.GetString(run.Stdout).Trim().Length == 0)
        {
            return new Dictionary<string, object?>();
        }

        return ParseJson(run, arguments);
    }

    private object? RunForJson(string[] arguments) => ParseJson(Run(arguments), arguments);

    private ScriptRun Run(string[] arguments)
    {
        var run = InventoryScriptRunner.Run(path, arguments, timeout);
        if (run.ExitCode != 0)
        {
            throw Error(
                $"found exit code {run.ExitCode} from '{InventoryScriptRunner.Describe(path, arguments)}'; expected 0{InventoryScriptRunner.StderrSuffix(run.Stderr)}");
        }

        return run;
    }

    private object? ParseJson(ScriptRun run, string[] arguments)
    {
        var command = InventoryScriptRunner.Describe(path, arguments);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(run.Stdout);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"found bytes that are not UTF-8 in the output of '{command}'; expected JSON text{InventoryScriptRunner.StderrSuffix(run.Stderr)}");
        }

        var node = YamlDocumentReader.TryReadJson(text);
        if (node is null)
        {
            throw Error($"found output of '{command}' that is not JSON ({JsonProblem(text)}); expected a JSON object{InventoryScriptRunner.StderrSuffix(run.Stderr)}");
        }

        return new YamlConstructor(path, data.Warnings.Add).ToPlain(node);
    }

    private static string JsonProblem(string text)
    {
        if (text.Trim().Length == 0)
        {
            return "it is empty";
        }

        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = Core.Input.ReaderLimits.MaxDepth });
            return "it is nested too deeply";
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private static string Describe(object? value)
    {
        var repr = PyData.Repr(value);
        return repr.Length > 80 ? repr[..77] + "..." : repr;
    }

    private UserInputException Error(string message) => new(message, new SourceLocation(path, 0, 0));
}
