using FreeSwitch.Config.Sources;

namespace FreeSwitch.Config.Preprocessing;

/// <summary>
/// FreeSWITCH's XML pre-processor (<c>preprocess()</c> in src/switch_xml.c), line by line as the C code is:
/// <list type="bullet">
/// <item><c>$${var}</c> is expanded on each line before anything else (unknown variables become empty), so a
/// <c>set</c> sees every earlier one and comments are expanded too;</item>
/// <item>a line holding <c>&lt;include&gt;</c>, <c>&lt;/include&gt;</c> or <c>&lt;?</c> is dropped whole;</item>
/// <item>a line holding <c>X-PRE-PROCESS</c> (any case) is a command when <c>&lt;</c> precedes it and is dropped
/// either way, which is why such a line cannot be commented out;</item>
/// <item><c>&lt;!--#cmd arg--&gt;</c> runs cmd; an unclosed one swallows lines up to <c>--&gt;</c>;</item>
/// <item>includes are globbed relative to the including file's directory (the conf dir for the main file).</item>
/// </list>
/// </summary>
internal sealed class Preprocessor
{
    private const int MaxRecursion = 100;

    private readonly IConfigFileSource _source;
    private readonly ConfigLoadOptions _options;
    private readonly Dictionary<string, string> _variables;
    private readonly List<ConfigWarning> _warnings = [];
    private readonly List<string> _files = [];
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
    private readonly PreprocessedText _output = new();
    private int _fileReads;

    public Preprocessor(IConfigFileSource source, ConfigLoadOptions options)
    {
        _source = source;
        _options = options;
        _variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in ConfigLoadOptions.RuntimeVariableDefaults(options.ConfDir))
        {
            _variables[name] = value;
        }

        foreach (var (name, value) in options.RuntimeVariables)
        {
            _variables[name] = value;
        }
    }

    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>Every variable name a <c>$${...}</c> asked for (set or not): what the output depends on.</summary>
    public IReadOnlySet<string> Referenced => _referenced;

    public IReadOnlyList<ConfigWarning> Warnings => _warnings;

    /// <summary>Every file read, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    public PreprocessedText Output => _output;

    public void Run()
    {
        var confDir = ConfigPath.Normalize(_options.ConfDir);
        var main = ConfigPath.Normalize(ConfigPath.Combine(confDir, _options.MainFile));
        if (!_source.FileExists(main))
        {
            throw new FreeSwitchConfigException($"cannot open the main configuration file {main}: it does not exist", new ConfigLocation(main, 0, 0));
        }

        Process(confDir, main, 0, null);
    }

    private bool Process(string cwd, string file, int level, ConfigLocation? includedFrom)
    {
        if (level > MaxRecursion)
        {
            _warnings.Add(new ConfigWarning($"Error including {file} (Maximum recursion limit reached)", includedFrom));
            return false;
        }

        if (_source.DirectoryExists(file))
        {
            // fopen() of a directory succeeds and reading it yields nothing.
            return true;
        }

        if (!_source.FileExists(file))
        {
            // FreeSWITCH logs this and carries on: an include of an empty directory's *.xml ends here.
            _warnings.Add(new ConfigWarning($"Couldnt open {file} (No such file or directory)", includedFrom));
            return false;
        }

        if (++_fileReads > ConfigReaderLimits.MaxFileReads)
        {
            throw new FreeSwitchConfigException(
                $"found more than {ConfigReaderLimits.MaxFileReads:N0} file reads (an include of itself or of its own directory?); expected at most {ConfigReaderLimits.MaxFileReads:N0} (the reader's limit)",
                includedFrom);
        }

        _files.Add(file);
        var text = _source.ReadAllText(file);
        if (text.Length > ConfigReaderLimits.MaxFileBytes)
        {
            throw new FreeSwitchConfigException(
                $"found a file of {text.Length:N0} characters; expected at most {ConfigReaderLimits.MaxFileBytes / (1024 * 1024)} MiB (the reader's limit)",
                new ConfigLocation(file, 0, 0));
        }
        var multiLineComment = false;
        var lineNo = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            CheckOutputSize(file, lineNo);
            var end = text.IndexOf('\n', pos);
            var raw = end < 0 ? text.AsSpan(pos) : text.AsSpan(pos, end + 1 - pos);
            pos = end < 0 ? text.Length : end + 1;
            lineNo++;

            // Lines are spans into the file's text: most are copied once, into the output, and never allocated alone.
            var line = raw.Contains("$${", StringComparison.Ordinal) ? ExpandVariables(raw, file, lineNo).AsSpan() : raw;
            if (raw.Contains("<include>", StringComparison.Ordinal) || raw.Contains("</include>", StringComparison.Ordinal)
                || raw.Contains("<?", StringComparison.Ordinal))
            {
                continue;
            }

            var bp = line;
            var bpColumn = 1;
            if (multiLineComment)
            {
                var close = bp.IndexOf("-->", StringComparison.Ordinal);
                if (close < 0)
                {
                    continue;
                }

                multiLineComment = false;
                bp = bp[(close + 3)..];
                bpColumn += close + 3;
            }

            var pre = bp.IndexOf("X-pre-process", StringComparison.OrdinalIgnoreCase);
            if (pre >= 0)
            {
                if (pre > 0 && bp[pre - 1] == '<' && ParseCommand(bp.ToString(), pre) is { } command)
                {
                    Execute(command.Cmd, command.Data, cwd, level, new ConfigLocation(file, lineNo, bpColumn + pre - 1));
                }

                continue;
            }

            var hash = bp.IndexOf("<!--#", StringComparison.Ordinal);
            if (hash >= 0)
            {
                _output.Write(bp[..hash], file, lineNo, bpColumn - 1);
                var rest = bp[(hash + 5)..];
                var close = rest.IndexOf("-->", StringComparison.Ordinal);
                if (close >= 0)
                {
                    _output.Write(rest[(close + 3)..], file, lineNo, bpColumn - 1 + hash + 5 + close + 3);
                    rest = rest[..close];
                }
                else
                {
                    multiLineComment = true;
                }

                var eol = rest.IndexOfAny('\r', '\n');
                if (eol >= 0)
                {
                    rest = rest[..eol];
                }

                var space = rest.IndexOf(' ');
                if (space >= 0)
                {
                    var cmd = rest[..space];
                    var arg = rest[(space + 1)..];
                    var q = arg.IndexOf('"');
                    if (q >= 0)
                    {
                        var q2 = arg[(q + 1)..].IndexOf('"');
                        if (q2 >= 0)
                        {
                            arg = arg.Slice(q + 1, q2);
                        }
                    }

                    Execute(cmd.ToString(), arg.ToString(), cwd, level, new ConfigLocation(file, lineNo, bpColumn + hash));
                }

                continue;
            }

            _output.Write(bp, file, lineNo, bpColumn - 1);
        }

        return true;
    }

    private void CheckOutputSize(string file, int lineNo)
    {
        if (_output.Length > ConfigReaderLimits.MaxOutputChars)
        {
            throw new FreeSwitchConfigException(
                $"found more than {ConfigReaderLimits.MaxOutputChars / (1024 * 1024)} Mi characters of pre-processed configuration (includes and $${{}} variables expanded); expected at most that (the reader's limit)",
                new ConfigLocation(file, lineNo, 0));
        }
    }

    private static (string Cmd, string Data)? ParseCommand(string line, int start)
    {
        var i = IndexOfIgnoreCase(line, "cmd", start);
        if (i < 0 || (i = line.IndexOf('=', i)) < 0 || (i = line.IndexOf('"', i)) < 0)
        {
            return null;
        }

        var cmdStart = i + 1;
        var cmdEnd = line.IndexOf('"', cmdStart);
        var cmd = cmdEnd < 0 ? line[cmdStart..] : line[cmdStart..cmdEnd];
        var after = cmdEnd < 0 ? line.Length : cmdEnd + 1;
        var d = IndexOfIgnoreCase(line, "data", after);
        if (d < 0 || (d = line.IndexOf('=', d)) < 0 || (d = line.IndexOf('"', d)) < 0)
        {
            return null;
        }

        var dataStart = d + 1;
        var dataEnd = line.IndexOf('"', dataStart);
        return (cmd, dataEnd < 0 ? line[dataStart..] : line[dataStart..dataEnd]);
    }

    private static int IndexOfIgnoreCase(string s, string what, int from) =>
        from >= s.Length ? -1 : s.IndexOf(what, from, StringComparison.OrdinalIgnoreCase);

    private void Execute(string cmd, string data, string cwd, int level, ConfigLocation where)
    {
        switch (cmd.ToLowerInvariant())
        {
            case "set":
                if (SplitAssignment(data) is { } set)
                {
                    _variables[set.Name] = set.Value;
                }

                break;
            case "include":
                Include(cwd, data, level + 1, where);
                break;
            case "exec-set":
                ExecSet(data, where);
                break;
            case "env-set":
                EnvSet(data, where);
                break;
            case "stun-set":
                StunSet(data, where);
                break;
            case "exec":
                Exec(data, where);
                break;
            default:
                // #comment and anything unknown: FreeSWITCH ignores it.
                break;
        }
    }

    /// <summary><c>name=value</c>, spaces around the '=' trimmed, as preprocess() does.</summary>
    private static (string Name, string Value)? SplitAssignment(string data)
    {
        var eq = data.IndexOf('=');
        if (eq < 0)
        {
            return null;
        }

        return (data[..eq].TrimEnd(' '), data[(eq + 1)..].TrimStart(' '));
    }

    private void Include(string cwd, string pattern, int level, ConfigLocation where)
    {
        var full = ConfigPath.Combine(cwd, pattern);
        var matches = Glob.Expand(_source, full);
        if (matches.Count == 0)
        {
            // GLOB_NOCHECK: the pattern itself is tried, which fails to open.
            matches.Add(ConfigPath.Normalize(full));
        }

        foreach (var match in matches)
        {
            Process(ConfigPath.GetDirectory(match), match, level, where);
        }
    }

    private void ExecSet(string data, ConfigLocation where)
    {
        if (SplitAssignment(data) is not { } a)
        {
            return;
        }

        if (_options.RunCommand is { } run)
        {
            var output = run(a.Value);
            if (output is null)
            {
                _warnings.Add(new ConfigWarning($"Error while executing command: {a.Value}", where));
            }
            else if (output.TrimEnd(' ', '\n') is { Length: > 0 } value)
            {
                _variables[a.Name] = value;
            }

            return;
        }

        UseCommandResult("exec-set", a.Name, a.Value, where);
    }

    private void EnvSet(string data, ConfigLocation where)
    {
        var eq = data.IndexOf('=');
        if (eq < 0)
        {
            return;
        }

        var name = data[..eq];
        var value = data[(eq + 1)..];
        if (!value.StartsWith('$'))
        {
            return;
        }

        var envName = value[1..];
        if (_options.EnvironmentLookup is { } lookup)
        {
            if (lookup(envName) is { } env)
            {
                _variables[name] = env;
            }

            return;
        }

        UseCommandResult("env-set", name, value, where);
    }

    private void StunSet(string data, ConfigLocation where)
    {
        if (SplitAssignment(data) is not { } a)
        {
            return;
        }

        if (a.Value.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) || a.Value.StartsWith("host:", StringComparison.OrdinalIgnoreCase))
        {
            UseCommandResult("stun-set", a.Name, a.Value, where);
            return;
        }

        // switch_stun_ip_lookup() returns a plain value unchanged.
        _variables[a.Name] = a.Value;
    }

    private void Exec(string command, ConfigLocation where)
    {
        if (_options.RunCommand is { } run && run(command) is { } output)
        {
            _output.Write(output, where.File, where.Line, 0);
            return;
        }

        _warnings.Add(new ConfigWarning($"exec [{command}] not run: its output is not part of this configuration", where));
    }

    private void UseCommandResult(string cmd, string name, string value, ConfigLocation where)
    {
        if (_options.CommandResults.TryGetValue(name, out var result))
        {
            _variables[name] = result;
            _warnings.Add(new ConfigWarning($"{cmd} {name}={value} not run here; using the value given for {name}: {result}", where));
            return;
        }

        _warnings.Add(new ConfigWarning($"{cmd} {name}={value} not run here and no value was given: $${{{name}}} stays unset, as when FreeSWITCH's lookup fails", where));
    }

    /// <summary><c>expand_vars()</c>: <c>$${name}</c> replaced by the variable's value, or nothing.</summary>
    private string ExpandVariables(ReadOnlySpan<char> line, string file, int lineNo)
    {
        var result = new System.Text.StringBuilder(line.Length + 32);
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '$' && i + 2 < line.Length && line[i + 1] == '$' && line[i + 2] == '{')
            {
                var close = FindEndParen(line, i + 2);
                if (close >= 0)
                {
                    var name = line[(i + 3)..close].ToString();
                    _referenced.Add(name);
                    if (_variables.TryGetValue(name, out var value))
                    {
                        result.Append(value);
                        if (result.Length > ConfigReaderLimits.MaxLineChars)
                        {
                            // A variable set to itself twice over doubles on every line.
                            throw new FreeSwitchConfigException(
                                $"found a line that expands to more than {ConfigReaderLimits.MaxLineChars / 1024} Ki characters ($${{{name}}}); expected at most that (the reader's limit)",
                                new ConfigLocation(file, lineNo, i + 1));
                        }
                    }

                    i = close + 1;
                    continue;
                }

                _warnings.Add(new ConfigWarning("Error [unterminated ${var}]", new ConfigLocation(file, lineNo, i + 1)));
            }

            result.Append(line[i]);
            i++;
        }

        return result.ToString();
    }

    /// <summary>switch_find_end_paren(): the matching '}' for the '{' at <paramref name="open"/>, nesting counted.</summary>
    private static int FindEndParen(ReadOnlySpan<char> s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '{')
            {
                depth++;
            }
            else if (s[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
