using Orchestrator.Compliance.Policies;
using Orchestrator.Testing;

namespace Orchestrator.Compliance.Tests.Support;

/// <summary>Policies written to temporary files, so errors carry a real path.</summary>
internal static class TestPolicies
{
    public static Policy Load(TempDirectory dir, string yaml, string name = "policy.yml") => PolicyLoader.Load(dir.Write(name, yaml));

    /// <summary>A policy with one control per built-in check type (no playbooks).</summary>
    public const string AllTypes = """
        policy: all-types
        controls:
          - id: C-SERVER
            title: capture server valid
            impact: 0.7
            check: { type: capture_server, expected: "udp:10.0.0.2:9060" }
          - id: C-ENABLED
            title: capture as configured
            impact: 0.5
            check: { type: capture_enabled, expected: true }
          - id: C-CLEAR
            title: capture ports clear
            impact: 1.0
            remediation: toggle capture
            check: { type: capture_ports_clear }
          - id: C-PROTECTED
            title: host protected
            impact: 0.8
            check: { type: host_protected }
          - id: C-ROBUST
            title: robustness
            impact: 0.3
            check: { type: robustness }
          - id: C-BIND
            title: no bind errors
            impact: 0.8
            check: { type: no_bind_errors, hours: 24 }
          - id: C-PARAM
            title: rtp start
            impact: 0.2
            check: { type: config_param, configuration: switch.conf, param: rtp-start-port, equals: "20000" }
          - id: C-SERVICE
            title: running
            impact: 1.0
            check: { type: service_active, service: freeswitch }
          - id: C-CMD
            title: persisted
            impact: 0.5
            check: { type: command_output, command: "cat /etc/sysctl.d/x.conf", matches: "ip_local_reserved_ports" }
        """;
}
