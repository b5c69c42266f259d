namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>One named part of a facts script: the shell that prints it, for the bash 5 and the POSIX variant.</summary>
internal interface IFactsSection
{
    /// <summary>The section's name: the marker the script prints and the key its parser is found under.</summary>
    string Name { get; }

    /// <summary>The shell that prints this section's marker and then its body.</summary>
    /// <param name="bash">The bash 5 variant (builtins where the POSIX one starts processes).</param>
    string Script(bool bash);
}
