using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Scheduling;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Modules;
using Orchestrator.Inventory;

namespace Orchestrator.Compliance.Sweeping;

/// <summary>Everything <c>orchestrator sweep</c> needs. Validated when <see cref="ComplianceSweep"/> is built.</summary>
public sealed class ComplianceSweepOptions
{
    public required string PolicyPath { get; init; }

    /// <summary>Inventory sources (<c>-i</c>), as for every other command.</summary>
    public required IReadOnlyList<string> Inventory { get; init; }

    /// <summary>An Ansible host pattern (<c>-l</c>).</summary>
    public string Limit { get; init; } = "all";

    public int Forks { get; init; } = 20;

    /// <summary>Reports written after every pass; empty means <c>cli</c>.</summary>
    public IReadOnlyList<ReportSpec> Reports { get; init; } = [];

    /// <summary>The SQLite history (<c>--db</c>).</summary>
    public string DatabasePath { get; init; } = HistoryStore.DefaultPath();

    /// <summary>Run the remediation playbooks of failing controls, then check again (<c>--remediate</c>).</summary>
    public bool Remediate { get; init; }

    /// <summary>Keep running and sweep on this schedule (<c>--schedule</c>, <c>--time-zone</c>); null: one pass.</summary>
    public SweepSchedule? Schedule { get; init; }

    /// <summary>Serve Prometheus metrics here (<c>--metrics-listen</c>), e.g. 127.0.0.1:9464.</summary>
    public string? MetricsListen { get; init; }

    /// <summary>Checks a <c>--metrics-listen</c> value (HOST:PORT) without listening, so a CLI can refuse it before writing anything.</summary>
    /// <exception cref="Core.Errors.UserInputException">It is not HOST:PORT.</exception>
    public static void ValidateMetricsListen(string listen) => Metrics.SweepMetrics.ParseListen(listen);

    public required IHostConnector Connector { get; init; }

    public GatherOptions Gather { get; init; } = new();

    /// <summary>Role search path for remediation playbooks (ansible.cfg <c>roles_path</c>).</summary>
    public IReadOnlyList<string> RolesPath { get; init; } = [];

    /// <summary>Remediation plays gather facts unless they say otherwise (ansible.cfg <c>gathering = implicit</c>).</summary>
    public bool GatherFactsDefault { get; init; }

    /// <summary>Remediation plays become by default (ansible.cfg <c>become</c>, or <c>--become</c>).</summary>
    public bool BecomeDefault { get; init; }

    /// <summary>Modules for remediation playbooks.</summary>
    public ModuleRegistry Modules { get; init; } = FreeSwitch.FreeSwitchModules.CreateRegistry();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Draws the cli report; required when <see cref="Reports"/> asks for it (or is empty).</summary>
    public ISweepConsoleReport? ConsoleReport { get; init; }

    /// <summary>The transport's redactor: the secrets among the selected hosts' variables are added to it.</summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>Decrypts Ansible Vault data in the policy and the inventory; null: none may be used.</summary>
    public Core.Vault.VaultDecryptor? Vault { get; init; }

    /// <summary>Where the one line per pass (and remediation and schedule notes) goes; stderr in the CLI.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>A gatherer to use instead of the FreeSWITCH one (tests).</summary>
    internal IHostFactsGatherer? Gatherer { get; init; }

    /// <summary>An inventory to use instead of loading <see cref="Inventory"/> (tests).</summary>
    internal HostInventory? LoadedInventory { get; init; }
}
