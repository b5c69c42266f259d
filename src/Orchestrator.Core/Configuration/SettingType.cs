namespace Orchestrator.Core.Configuration;

/// <summary>The value types of ansible-core's <c>config/base.yml</c> that the settings we read use.</summary>
public enum SettingType
{
    /// <summary>Text, surrounding quotes removed (<c>unquote</c>).</summary>
    String,

    /// <summary>Ansible's <c>boolean()</c>: yes/no, true/false, on/off, y/n, t/f, 1/0.</summary>
    Boolean,

    Integer,

    /// <summary>One path: <c>~</c> and <c>$VARS</c> expanded, relative to the config file's directory (or the working directory).</summary>
    Path,

    /// <summary>Comma-separated paths (<c>inventory</c>), each as <see cref="Path"/>.</summary>
    PathList,

    /// <summary>Colon-separated paths (<c>roles_path</c>), each as <see cref="Path"/>.</summary>
    PathSpec,

    /// <summary>Comma-separated text, each item trimmed and unquoted.</summary>
    List,
}
