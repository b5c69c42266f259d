using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Lab;

/// <summary>Registers <c>orchestrator lab up | down | status | calls | hep</c>.</summary>
internal static class LabCommands
{
    public static void AddLabCommands(this IConfigurator config) =>
        config.AddBranch<LabSettings>("lab", lab =>
        {
            lab.SetDescription("A fleet of simulated FreeSWITCH hosts on this machine, behind real sshd, for rehearsing a rollout (needs root).");
            lab.AddCommand<LabUpCommand>("up")
                .WithDescription("Bring a lab up: N hosts plus homer, an inventory, known_hosts and a client key in DIR.")
                .WithExample("lab", "up", "--hosts", "3")
                .WithExample("lab", "up", "--hosts", "5", "--scenario", "collide", "--name", "rehearsal", "--dir", "/tmp/rehearsal");
            lab.AddCommand<LabDownCommand>("down")
                .WithDescription("Stop every process of the lab, remove its namespaces, veths, mounts and files. Idempotent.")
                .WithExample("lab", "down", "--dir", ".lab");
            lab.AddCommand<LabStatusCommand>("status")
                .WithDescription("Hosts, addresses, live processes and memory per host.");
            lab.AddCommand<LabCallsCommand>("calls")
                .WithDescription("Real SIP calls with sipp's uac scenario at a host's internal profile; calls succeeded and failed, new Bind Error lines.")
                .WithExample("lab", "calls", "--host", "fs1", "--count", "300", "--rate", "20");
            lab.AddCommand<LabHepCommand>("hep")
                .WithDescription("What homer received as HEP: per host and capture source port, packets and the last SIP message.");
        });
}
