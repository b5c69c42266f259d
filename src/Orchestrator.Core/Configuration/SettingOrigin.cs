using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Configuration;

/// <summary>Where a resolved setting's value came from, worded as <c>ansible-config dump</c> words it.</summary>
/// <param name="Text"><c>default</c>, <c>env: ANSIBLE_FORKS</c>, or the config file's path.</param>
/// <param name="Location">The file and line, when the value came from the file.</param>
public sealed record SettingOrigin(string Text, SourceLocation? Location)
{
    public static SettingOrigin Default { get; } = new("default", null);

    public bool IsDefault => ReferenceEquals(this, Default) || Text == "default";

    public static SettingOrigin Env(string name) => new($"env: {name}", null);

    public override string ToString() => Text;
}
