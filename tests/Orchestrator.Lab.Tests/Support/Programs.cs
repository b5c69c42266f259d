using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Tests.Support;

/// <summary>Runs the real OpenSSH client and ansible against a lab, the way a user would.</summary>
internal static class Programs
{
    public static List<string> SshArguments(LabFleet lab, string user, string address, params string[] extra) =>
    [
        "-i", lab.ClientPrivateKeyPath,
        "-o", $"UserKnownHostsFile={lab.KnownHostsPath}",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-o", "ConnectTimeout=10",
        .. extra,
        $"{user}@{address}",
    ];

    public static Task<ProcessResult> SshAsync(LabFleet lab, string user, LabHost host, string command, string? stdin = null) =>
        ProcessRunner.RunAsync("ssh", [.. SshArguments(lab, user, host.Address.ToString()), command], CancellationToken.None, stdin, TimeSpan.FromSeconds(60));

    public static Task<ProcessResult> RunAsync(string program, params string[] arguments) =>
        ProcessRunner.RunAsync(program, arguments, CancellationToken.None, timeout: TimeSpan.FromMinutes(3));
}
