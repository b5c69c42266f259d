using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Compliance.Checks;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using Orchestrator.Core.Vault;
using Orchestrator.Inventory.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Compliance.Policies;

/// <summary>
/// Reads a policy file. Every problem (YAML syntax, an unknown key, check type or parameter, a wrong value) is a
/// <see cref="UserInputException"/> with file:line:column, what was found and what was expected.
/// </summary>
public static partial class PolicyLoader
{
    private static readonly string[] TopKeys = ["policy", "description", "controls", "waivers"];
    private static readonly string[] ControlKeys = ["id", "title", "impact", "description", "remediation", "hosts", "tags", "check"];
    private static readonly string[] RemediationKeys = ["text", "playbook", "vars"];
    private static readonly string[] WaiverKeys = ["control", "hosts", "justification", "expires"];

    public static Policy Load(string path) => Load(path, vault: null);

    /// <summary>Loads a policy; <paramref name="vault"/> decrypts an encrypted policy file and inline <c>!vault</c> variables.</summary>
    public static Policy Load(string path, VaultDecryptor? vault)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (InputPath.FileProblem(full) is { } problem)
        {
            throw new UserInputException($"the policy '{path}' {problem}");
        }

        var text = BoundedFile.ReadAllText(path, "a policy file (YAML)");

        if (VaultEnvelope.IsEncrypted(text))
        {
            text = (vault ?? VaultDecryptor.None).DecryptText(text, new SourceLocation(path, 0, 0));
        }

        return Parse(text, path, System.IO.Path.GetDirectoryName(full)!, vault);
    }

    /// <summary>Parses policy text; <paramref name="fileName"/> is what error locations name, <paramref name="baseDirectory"/> resolves playbook paths.</summary>
    public static Policy Parse(string text, string fileName, string baseDirectory, VaultDecryptor? vault = null)
    {
        var reader = new Reader(fileName, vault ?? VaultDecryptor.None);
        var root = reader.LoadRoot(text);
        var top = reader.Mapping(root, "the policy (a mapping with policy, controls and waivers)");
        reader.OnlyKeys(top, TopKeys, "the policy");
        var name = reader.RequiredString(top, "policy", root);
        var description = reader.OptionalString(top, "description") ?? string.Empty;
        var controlsNode = reader.Required(top, "controls", root);
        var controlsSeq = reader.Sequence(controlsNode, "controls (a list of controls)");
        if (controlsSeq.Children.Count == 0)
        {
            throw new UserInputException("controls: expected at least one control, found an empty list", reader.At(controlsSeq));
        }

        var controls = new List<Control>();
        var ids = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var node in controlsSeq.Children)
        {
            var control = ReadControl(reader, node, baseDirectory);
            if (ids.TryGetValue(control.Id, out var first))
            {
                throw new UserInputException($"duplicate control id '{control.Id}' (first defined at {first})", control.Location);
            }

            ids[control.Id] = control.Location;
            controls.Add(control);
        }

        var waivers = new List<Waiver>();
        if (reader.Optional(top, "waivers") is { } waiversNode && waiversNode is not YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            foreach (var node in reader.Sequence(waiversNode, "waivers (a list of waivers)").Children)
            {
                var waiver = ReadWaiver(reader, node);
                if (!ids.ContainsKey(waiver.ControlId))
                {
                    throw new UserInputException($"waiver for unknown control '{waiver.ControlId}': expected one of {string.Join(", ", ids.Keys)}", waiver.Location);
                }

                waivers.Add(waiver);
            }
        }

        return new Policy(name, System.IO.Path.GetFullPath(fileName), description, controls, waivers);
    }

    private static Control ReadControl(Reader reader, YamlNode node, string baseDirectory)
    {
        var map = reader.Mapping(node, "a control (a mapping with id, title, impact, description, remediation and check)");
        reader.OnlyKeys(map, ControlKeys, "a control");
        var idNode = reader.Required(map, "id", map);
        var id = reader.String(idNode, "id");
        if (!ControlId().IsMatch(id))
        {
            throw new UserInputException($"id: '{id}' is not a valid control id; expected letters, digits, '.', '_' or '-', starting with a letter or digit", reader.At(idNode));
        }

        var title = reader.RequiredString(map, "title", map);
        var impactNode = reader.Required(map, "impact", map);
        var impact = reader.Number(impactNode, "impact");
        if (impact is < 0.0 or > 1.0 || double.IsNaN(impact))
        {
            throw new UserInputException($"impact: expected a number from 0.0 to 1.0, found {reader.Text(impactNode)}", reader.At(impactNode));
        }

        var hosts = reader.OptionalString(map, "hosts");
        var tags = reader.Optional(map, "tags") is { } tagsNode ? reader.StringList(tagsNode, "tags") : [];
        var remediation = ReadRemediation(reader, reader.Optional(map, "remediation"), baseDirectory);
        var checkNode = reader.Required(map, "check", map);
        var check = ReadCheck(reader, checkNode, id);
        return new Control
        {
            Id = id,
            Title = title,
            Impact = impact,
            Description = reader.OptionalString(map, "description") ?? string.Empty,
            Remediation = remediation,
            Hosts = hosts,
            Tags = tags,
            Check = check,
            Location = reader.At(node),
        };
    }

    private static Remediation ReadRemediation(Reader reader, YamlNode? node, string baseDirectory)
    {
        switch (node)
        {
            case null:
                return new Remediation();
            case YamlScalarNode scalar:
                return new Remediation { Text = scalar.Value ?? string.Empty };
            default:
                var map = reader.Mapping(node, "remediation (text, or a mapping with text, playbook and vars)");
                reader.OnlyKeys(map, RemediationKeys, "remediation");
                string? playbook = null;
                if (reader.Optional(map, "playbook") is { } playbookNode)
                {
                    var relative = reader.String(playbookNode, "playbook");
                    playbook = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, relative));
                    if (!File.Exists(playbook))
                    {
                        throw new UserInputException($"playbook: '{relative}' not found (looked for {playbook}); expected a playbook file, relative to the policy file", reader.At(playbookNode));
                    }
                }

                var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (reader.Optional(map, "vars") is { } varsNode)
                {
                    foreach (var (key, value) in reader.Mapping(varsNode, "vars (a mapping of variable names to values)").Children)
                    {
                        vars[reader.String(key, "a variable name")] = reader.Plain(value);
                    }
                }

                return new Remediation { Text = reader.OptionalString(map, "text") ?? string.Empty, Playbook = playbook, Vars = vars };
        }
    }

    private static Check ReadCheck(Reader reader, YamlNode node, string controlId)
    {
        var map = reader.Mapping(node, "check (a mapping with type and the type's parameters)");
        var typeNode = reader.Required(map, "type", map);
        var typeName = reader.String(typeNode, "type");
        if (!CheckTypes.All.TryGetValue(typeName, out var type))
        {
            throw new UserInputException($"unknown check type '{typeName}'; expected one of {string.Join(", ", CheckTypes.All.Keys)}", reader.At(typeNode));
        }

        var values = new Dictionary<string, ArgumentValue>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = reader.String(keyNode, "a parameter name");
            if (key == "type")
            {
                continue;
            }

            var spec = type.Params.FirstOrDefault(p => p.Name == key)
                ?? throw new UserInputException(
                    type.Params.Count == 0
                        ? $"unknown parameter '{key}' for check type {typeName}, which takes none"
                        : $"unknown parameter '{key}' for check type {typeName}; expected {string.Join(", ", type.Params.Select(p => p.Name))}",
                    reader.At(keyNode));
            values[key] = new ArgumentValue(reader.Convert(valueNode, spec), reader.At(valueNode));
        }

        foreach (var spec in type.Params.Where(p => p.Required && !values.ContainsKey(p.Name)))
        {
            throw new UserInputException($"check type {typeName} needs parameter '{spec.Name}': {spec.Help}", reader.At(node));
        }

        return type.Create(new CheckArguments(controlId, reader.At(node), values));
    }

    private static Waiver ReadWaiver(Reader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "a waiver (a mapping with control, justification and expires)");
        reader.OnlyKeys(map, WaiverKeys, "a waiver");
        var control = reader.RequiredString(map, "control", map);
        var justification = reader.RequiredString(map, "justification", map);
        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new UserInputException("justification: expected a reason the exception is accepted, found an empty string", reader.At(reader.Required(map, "justification", map)));
        }

        var expiresNode = reader.Required(map, "expires", map);
        var expiresText = reader.String(expiresNode, "expires");
        DateTimeOffset expires;
        if (DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            expires = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else if (!DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out expires) || !expiresText.Contains('T', StringComparison.Ordinal))
        {
            throw new UserInputException($"expires: '{expiresText}' is not a date; expected YYYY-MM-DD (00:00 UTC that day) or an ISO 8601 time such as 2026-12-31T18:00:00+01:00", reader.At(expiresNode));
        }

        return new Waiver
        {
            ControlId = control,
            Hosts = reader.OptionalString(map, "hosts"),
            Justification = justification,
            Expires = expires,
            Location = reader.At(node),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ControlId();

    /// <summary>Node access with locations in every error.</summary>
    private sealed class Reader(string file, VaultDecryptor vault)
    {
        public YamlNode LoadRoot(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(BoundedYamlParser.Over(text, file));
            }
            catch (YamlException ex)
            {
                var message = (ex.InnerException?.Message ?? ex.Message).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')[0];
                if (message.Contains("same key", StringComparison.OrdinalIgnoreCase) || message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
                {
                    message = "duplicate key in a mapping";
                }

                throw new UserInputException($"YAML syntax error: {message}", new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column), inner: ex);
            }

            if (stream.Documents.Count == 0)
            {
                throw new UserInputException("the policy file is empty; expected a mapping with policy, controls and waivers", new SourceLocation(file, 1, 1));
            }

            if (stream.Documents.Count > 1)
            {
                throw new UserInputException("a policy file holds one YAML document, found a second one", At(stream.Documents[1].RootNode));
            }

            return stream.Documents[0].RootNode;
        }

        public SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

        public string Text(YamlNode node) => node is YamlScalarNode s ? $"'{s.Value}'" : node is YamlSequenceNode ? "a list" : "a mapping";

        public YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw new UserInputException($"expected {what}, found {Text(node)}", At(node));

        public YamlSequenceNode Sequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? throw new UserInputException($"expected {what}, found {Text(node)}", At(node));

        public void OnlyKeys(YamlMappingNode map, string[] allowed, string what)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = String(key, "a key");
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    throw new UserInputException($"unknown key '{name}' in {what}; expected {string.Join(", ", allowed)}", At(key));
                }
            }
        }

        public YamlNode? Optional(YamlMappingNode map, string key) =>
            map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

        public YamlNode Required(YamlMappingNode map, string key, YamlNode owner) =>
            Optional(map, key) ?? throw new UserInputException($"missing '{key}'", At(owner));

        public string RequiredString(YamlMappingNode map, string key, YamlNode owner) => String(Required(map, key, owner), key);

        public string? OptionalString(YamlMappingNode map, string key) => Optional(map, key) is { } n ? String(n, key) : null;

        public string String(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } v } ? v : throw new UserInputException($"{what}: expected a string, found {Text(node)}", At(node));

        public IReadOnlyList<string> StringList(YamlNode node, string what) =>
            node switch
            {
                YamlSequenceNode seq => seq.Children.Select(c => String(c, what)).ToList(),
                YamlScalarNode s when s.Value is { Length: > 0 } v => [v],
                _ => throw new UserInputException($"{what}: expected a list of strings, found {Text(node)}", At(node)),
            };

        public double Number(YamlNode node, string what)
        {
            var text = String(node, what);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && node is YamlScalarNode { Style: ScalarStyle.Plain }
                ? value
                : throw new UserInputException($"{what}: expected a number, found '{text}'", At(node));
        }

        public object Convert(YamlNode node, CheckParam spec)
        {
            var what = spec.Name;
            switch (spec.Kind)
            {
                case ParamKind.Bool:
                    var b = String(node, what);
                    return node is YamlScalarNode { Style: ScalarStyle.Plain } && ParseBool(b) is { } parsed
                        ? parsed
                        : throw new UserInputException($"{what}: expected true or false, found '{b}'", At(node));
                case ParamKind.Integer:
                    var i = String(node, what);
                    return long.TryParse(i, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && node is YamlScalarNode { Style: ScalarStyle.Plain }
                        ? l
                        : throw new UserInputException($"{what}: expected a whole number, found '{i}'", At(node));
                case ParamKind.Number:
                    return Number(node, what);
                case ParamKind.String:
                    return String(node, what);
                case ParamKind.Regex:
                    var pattern = String(node, what);
                    try
                    {
                        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException ex)
                    {
                        throw new UserInputException($"{what}: '{pattern}' is not a valid regular expression: {ex.Message}", At(node));
                    }

                case ParamKind.StringList:
                    return StringList(node, what);
                default:
                    throw new ArgumentOutOfRangeException(nameof(spec));
            }
        }

        /// <summary>A vars value as plain data (YAML 1.1 scalars for plain style, like Ansible).</summary>
        public object? Plain(YamlNode node) => node switch
        {
            YamlMappingNode m => m.Children.ToDictionary(kv => String(kv.Key, "a key"), kv => Plain(kv.Value), StringComparer.Ordinal),
            YamlSequenceNode s => s.Children.Select(Plain).ToList(),
            YamlScalarNode { Tag.Value: "!vault" or "!vault-encrypted" } s => vault.InlineSecret(s.Value ?? string.Empty, At(s)),
            YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } => PlainScalar(v),
            YamlScalarNode { Value: var v } => v ?? string.Empty,
            _ => null,
        };

        private static object? PlainScalar(string? v)
        {
            if (v is null or "" or "~" or "null" or "Null" or "NULL")
            {
                return null;
            }

            if (ParseBool(v) is { } b)
            {
                return b;
            }

            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return l;
            }

            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsAsciiDigit) ? d : v;
        }

        private static bool? ParseBool(string value) => value.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => null,
        };
    }
}
