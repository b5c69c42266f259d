using System.Diagnostics;

namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>The lookups that read the controller's state and the task's variables: <c>env</c>, <c>pipe</c>, <c>vars</c>.</summary>
internal static class ControllerLookups
{
    /// <summary><c>env</c>: the controller's environment variable (the first word of each term), else <c>default</c> ('').</summary>
    public static List<object?> Env(LookupCall call) =>
        call.TextTerms().Select(t =>
        {
            var name = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            return Environment.GetEnvironmentVariable(name) is { } value ? value : call.Option("default", string.Empty);
        }).ToList();

    /// <summary>
    /// <c>pipe</c>: runs each term with <c>/bin/sh -c</c> on the controller, in the playbook's directory, and gives its
    /// output (trailing whitespace removed). The term is the playbook's own code, as in Ansible.
    /// </summary>
    public static List<object?> Pipe(LookupCall call)
    {
        var result = new List<object?>();
        foreach (var term in call.TextTerms())
        {
            var info = new ProcessStartInfo("/bin/sh")
            {
                WorkingDirectory = call.Host.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(term);
            using var process = Process.Start(info) ?? throw call.Fail($"cannot start /bin/sh for '{term}'");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw call.Fail($"'{term}' returned {process.ExitCode}");
            }

            result.Add(output.TrimEnd());
        }

        return result;
    }

    /// <summary><c>vars</c>: the value of each named variable, its templates rendered; <c>default</c> when it is not defined.</summary>
    public static List<object?> Vars(LookupCall call)
    {
        var result = new List<object?>();
        foreach (var term in call.Terms)
        {
            if (term is not string name)
            {
                throw call.Fail($"Invalid setting identifier, \"{PlainData.ToText(term)}\" is not a string, it is {PlainData.TypeName(term)}");
            }

            if (call.Scope.TryGetVariable(name, out var value) && value is not UndefinedValue)
            {
                result.Add(value);
            }
            else if (call.Options.TryGetValue("default", out var fallback))
            {
                result.Add(fallback);
            }
            else
            {
                throw new UndefinedVariableException(name);
            }
        }

        return result;
    }
}
