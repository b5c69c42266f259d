using System.ComponentModel;
using Orchestrator.Core.Errors;
using Orchestrator.Transport;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// The SSH connection options shared by every command that reaches hosts (exec, run, sweep), and the checks of the
/// options each of them declares with its own default and help (inventory, forks, output).
/// </summary>
internal abstract class ConnectionCommandSettings : VaultCommandSettings
{
    [CommandOption("--ssh-config <FILE>")]
    [Description("OpenSSH client config to read instead of ~/.ssh/config.")]
    public string? SshConfig { get; init; }

    [CommandOption("--host-key-checking <MODE>")]
    [Description("strict (default), accept-new or off. Overrides StrictHostKeyChecking from ssh args and ssh_config.")]
    public string? HostKeyChecking { get; init; }

    [CommandOption("-T|--timeout <SECONDS>")]
    [Description("Connection timeout per attempt. Default: ansible.cfg timeout (ANSIBLE_TIMEOUT), else 10")]
    public int? Timeout { get; init; }

    /// <summary>The parsed <c>--host-key-checking</c>, or null when not given.</summary>
    public HostKeyChecking? HostKeyCheckingMode => ParseHostKeyChecking(HostKeyChecking);

    internal static HostKeyChecking? ParseHostKeyChecking(string? value) => value?.ToLowerInvariant() switch
    {
        "strict" or "yes" => Transport.HostKeyChecking.Strict,
        "accept-new" => Transport.HostKeyChecking.AcceptNew,
        "off" or "no" => Transport.HostKeyChecking.Off,
        _ => null,
    };

    /// <summary>The first problem with the connection options, or null.</summary>
    protected ValidationResult? ValidateConnection()
    {
        if (Timeout is not null and (< 1 or > 3600))
        {
            return ValidationResult.Error($"--timeout {Timeout}: expected 1 to 3600 seconds.");
        }

        if (HostKeyChecking is not null && ParseHostKeyChecking(HostKeyChecking) is null)
        {
            return ValidationResult.Error($"--host-key-checking '{HostKeyChecking}': expected strict, accept-new or off.");
        }

        return NotADirectory("--ssh-config", SshConfig);
    }

    /// <summary>A path option where a file is expected (to read or to write) must not name a directory.</summary>
    protected static ValidationResult? NotADirectory(string option, string? path) =>
        path is not null && Directory.Exists(path) ? ValidationResult.Error($"{option} '{path}' {InputPath.IsADirectory}.") : null;

    /// <summary>Runs a parser that reports bad input as a <see cref="UserInputException"/>, as a validation result.</summary>
    protected static ValidationResult? CheckParse(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (UserInputException ex)
        {
            return ValidationResult.Error(ex.Message);
        }
    }

    protected static ValidationResult? ValidateForks(int? forks) =>
        forks is < 1 or > 1000 ? ValidationResult.Error($"--forks {forks}: expected 1 to 1000.") : null;

    protected static ValidationResult? ValidateOutput(string output) =>
        output is not ("text" or "json") ? ValidationResult.Error($"--output '{output}': expected text or json.") : null;
}
