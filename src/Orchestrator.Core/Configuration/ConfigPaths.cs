namespace Orchestrator.Core.Configuration;

/// <summary>Ansible's <c>unfrackpath(path, follow=False, basedir)</c>: <c>$VARS</c> and <c>~</c> expanded, made absolute, normalised.</summary>
internal static class ConfigPaths
{
    public static string Resolve(string path, string baseDirectory, ConfigEnvironment environment)
    {
        var expanded = ExpandUser(ExpandVariables(path, environment), environment);
        var full = Path.IsPathRooted(expanded) ? expanded : Path.Combine(baseDirectory, expanded);
        var normal = Path.GetFullPath(full);
        return normal.Length > 1 ? normal.TrimEnd('/') : normal;
    }

    private static string ExpandUser(string path, ConfigEnvironment environment) =>
        path == "~" ? environment.HomeDirectory
        : path.StartsWith("~/", StringComparison.Ordinal) ? environment.HomeDirectory + path[1..]
        : path;

    /// <summary>Python's <c>os.path.expandvars</c>: <c>$NAME</c> and <c>${NAME}</c> of set variables; others stay as written.</summary>
    private static string ExpandVariables(string path, ConfigEnvironment environment) =>
        !path.Contains('$') ? path : System.Text.RegularExpressions.Regex.Replace(
            path,
            @"\$(\w+|\{[^}]*\})",
            m =>
            {
                var name = m.Value[1] == '{' ? m.Value[2..^1] : m.Value[1..];
                return environment.Variable(name) ?? m.Value;
            });
}
