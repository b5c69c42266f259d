using System.Text.RegularExpressions;

namespace Orchestrator.Testing.Simulator;

/// <summary>A test's copy of a configuration tree, with small editing helpers.</summary>
public sealed partial class ConfTree(string dir)
{
    public string Dir { get; } = dir;

    public void CopyFrom(string source) => DirectoryTree.Copy(source, Dir);

    public string Read(string relative) => File.ReadAllText(Path.Combine(Dir, relative));

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relative) => File.Delete(Path.Combine(Dir, relative));

    /// <summary>Sets an existing &lt;param name=..&gt; (even commented out) or adds it after the first &lt;settings&gt;.</summary>
    public void SetParam(string relative, string name, string value, string settingsTag = "settings")
    {
        var text = Read(relative);
        var param = $"<param name=\"{name}\" value=\"{value}\"/>";
        var existing = new Regex($"(<!--\\s*)?<param name=\"{Regex.Escape(name)}\" value=\"[^\"]*\"\\s*/>(\\s*-->)?");
        text = existing.IsMatch(text)
            ? existing.Replace(text, param, 1)
            : new Regex($"<{settingsTag}>").Replace(text, $"<{settingsTag}>\n    {param}", 1);
        Write(relative, text);
    }
}
