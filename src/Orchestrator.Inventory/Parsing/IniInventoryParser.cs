using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Shell;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Python;

namespace Orchestrator.Inventory.Parsing;

/// <summary>
/// Ansible's INI inventory plugin (plugins/inventory/ini.py): sections <c>[g]</c>, <c>[g:vars]</c>,
/// <c>[g:children]</c>, host lines split like a POSIX shell with inline <c>key=value</c> variables, and
/// values typed with Python literal rules. Groups may be declared after they are referenced.
/// </summary>
internal sealed partial class IniInventoryParser(InventoryData data, string file)
{
    private readonly OrderedDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private int _lineNumber;
    private int _lineIndent;

    [GeneratedRegex(@"^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:\#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Section();

    [GeneratedRegex(@"^([^:\]\s]+)\s*(?:\#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupName();

    private sealed record Pending(int Line, string State, List<string> Parents);

    public void Parse(string text)
    {
        var groupName = "ungrouped";
        var state = "hosts";
        foreach (var raw in SourceText.SplitLines(text))
        {
            _lineNumber++;
            var line = raw.Trim();
            _lineIndent = raw.Length - raw.TrimStart().Length;
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var m = Section().Match(line);
            if (m.Success)
            {
                groupName = m.Groups[1].Value;
                state = m.Groups[2].Success ? m.Groups[2].Value : "hosts";
                if (state is not ("hosts" or "children" or "vars"))
                {
                    throw Error(
                        $"found section [{groupName}:{state}] with unknown type '{state}'; expected [{groupName}], [{groupName}:vars] or [{groupName}:children]",
                        column: groupName.Length + 3);
                }

                if (!data.Groups.ContainsKey(groupName))
                {
                    // [g:vars] alone does not declare a group; remember it and check at the end.
                    if (state == "vars" && !_pending.ContainsKey(groupName))
                    {
                        _pending[groupName] = new Pending(_lineNumber, "vars", []);
                    }

                    data.AddGroup(groupName);
                }

                if (state != "vars" && _pending.TryGetValue(groupName, out var declared))
                {
                    if (declared.State == "children")
                    {
                        AddPendingChildren(groupName);
                    }
                    else
                    {
                        _pending.Remove(groupName);
                    }
                }

                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                throw Error(
                    $"found section header '{line}', which is not valid; expected [group], [group:vars] or [group:children] with no spaces or other invalid characters in the name");
            }

            switch (state)
            {
                case "hosts":
                    ParseHostLine(line, groupName);
                    break;
                case "vars":
                    var eq = line.IndexOf('=', StringComparison.Ordinal);
                    if (eq < 0)
                    {
                        throw Error($"found '{line}' in section [{groupName}:vars]; expected key=value");
                    }

                    var key = line[..eq].Trim();
                    var value = PythonLiteral.ParseIniValue(line[(eq + 1)..].Trim());
                    Graph(() => data.SetVariable(groupName, key, value));
                    break;
                default:
                    var gm = GroupName().Match(line);
                    if (!gm.Success)
                    {
                        throw Error($"found '{line}' in section [{groupName}:children]; expected one group name per line");
                    }

                    var child = gm.Groups[1].Value;
                    if (!data.Groups.ContainsKey(child))
                    {
                        if (_pending.TryGetValue(child, out var p))
                        {
                            p.Parents.Add(groupName);
                        }
                        else
                        {
                            _pending[child] = new Pending(_lineNumber, "children", [groupName]);
                        }
                    }
                    else
                    {
                        var parent = data.Groups[groupName];
                        Graph(() => data.AddChild(parent, child));
                    }

                    break;
            }
        }

        foreach (var (name, declared) in _pending)
        {
            _lineNumber = declared.Line;
            _lineIndent = 0;
            if (declared.State == "vars")
            {
                throw Error($"found section [{name}:vars] for group '{name}', which is never defined; expected a [{name}] or [{name}:children] section, or the group in another inventory source read earlier");
            }

            throw Error($"found group '{name}' in section [{declared.Parents[^1]}:children], but no section defines it; expected a [{name}] or [{name}:children] section");
        }
    }

    private void AddPendingChildren(string group)
    {
        foreach (var parent in _pending[group].Parents)
        {
            Graph(() => data.AddChild(data.Groups[parent], group));
            if (_pending.TryGetValue(parent, out var p) && p.State == "children")
            {
                AddPendingChildren(parent);
            }
        }

        _pending.Remove(group);
    }

    private void ParseHostLine(string line, string groupName)
    {
        List<ShlexToken> tokens;
        try
        {
            tokens = Shlex.Tokenize(line, comments: true);
        }
        catch (ShlexException e)
        {
            var what = e.Kind == ShlexErrorKind.UnclosedQuote ? "an unclosed quote" : "a backslash at the end of the line";
            throw Error($"found {what} in host definition '{line}'; expected quotes closed and escapes complete on the same line", e.Index + 1);
        }

        if (tokens.Count == 0)
        {
            return;
        }

        var hostToken = tokens[0];
        List<string> hosts;
        int? port;
        try
        {
            hosts = HostPatternExpander.Expand(hostToken.Text, out port);
        }
        catch (HostRangeException ex)
        {
            throw Error(ex.Message, hostToken.Start + ex.Offset + 1);
        }

        if (hostToken.Text.Trim().EndsWith(':') && port is null)
        {
            throw Error($"found host '{hostToken.Text}' ending in ':'; expected a port number after ':' (for example {hostToken.Text}2222), or no ':'", hostToken.Start + 1);
        }

        foreach (var h in hosts)
        {
            if (h.Trim() == "---")
            {
                throw Error("found '---', which starts a YAML document; expected INI host lines (a YAML inventory needs a .yml or .yaml extension, or no extension)", hostToken.Start + 1);
            }

            if (h.Length == 0)
            {
                throw Error("found an empty host name; expected a host name", hostToken.Start + 1);
            }
        }

        var variables = new List<KeyValuePair<string, object?>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in tokens.Skip(1))
        {
            var eq = t.Text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw Error($"found '{t.Text}' after host '{hostToken.Text}'; expected key=value host variable assignments", t.Start + 1);
            }

            var pair = new KeyValuePair<string, object?>(t.Text[..eq], PythonLiteral.ParseIniValue(t.Text[(eq + 1)..]));
            if (seen.TryGetValue(pair.Key, out var at))
            {
                variables[at] = pair;
            }
            else
            {
                seen[pair.Key] = variables.Count;
                variables.Add(pair);
            }
        }

        var group = data.Groups[groupName];
        try
        {
            foreach (var h in hosts)
            {
                data.AddHost(h, group, port);
                foreach (var (k, v) in variables)
                {
                    data.SetVariable(h, k, v);
                }
            }
        }
        catch (InventoryGraphException ex)
        {
            throw Error(ex.Message);
        }
    }

    private void Graph(Action action)
    {
        try
        {
            action();
        }
        catch (InventoryGraphException ex)
        {
            throw Error(ex.Message);
        }
    }

    private UserInputException Error(string message, int column = 0) =>
        new(message, new SourceLocation(file, _lineNumber, column > 0 ? _lineIndent + column : _lineIndent + 1));
}
