namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>One named part of a facts script: the shell that prints it, for the bash 5 and the POSIX variant.</summary>
internal abstract class ScriptSection
{
    /// <summary>The section's name: the marker the script prints and the key its parser is found under.</summary>
    public abstract string Name { get; }

    /// <summary>The body under bash 5, after the marker on the same line (<c>marker; body</c>).</summary>
    protected abstract string Bash { get; }

    /// <summary>The body under any other shell; the bash one unless a builtin makes the difference.</summary>
    protected virtual string Posix => Bash;

    /// <summary>The shell that prints this section's marker and then its body.</summary>
    /// <param name="bash">The bash 5 variant (builtins where the POSIX one starts processes).</param>
    public virtual string Script(bool bash) => RemoteScript.Section(Name) + "; " + (bash ? Bash : Posix) + "\n";
}
