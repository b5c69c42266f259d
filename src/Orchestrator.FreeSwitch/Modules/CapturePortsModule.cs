using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>capture_ports</c>: the placement check of facts §12, check-only. Per capture socket clear/collides (naming the
/// port and RTP/RTCP), per host protected/at-risk/colliding with the reason. Fails on colliding (unless
/// <c>fail_on_colliding: false</c>) and, with <c>fail_on_at_risk: true</c>, on at-risk.
/// </summary>
internal sealed class CapturePortsModule : Module
{
    public override string Name => "capture_ports";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .AddConnectionArguments()
        .Add("fail_on_colliding", ArgumentType.Boolean, defaultValue: true)
        .Add("fail_on_at_risk", ArgumentType.Boolean, defaultValue: false)
        .Add("rtcp", ArgumentType.String, defaultValue: "auto", choices: ["auto", "yes", "no"]);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var options = ModuleSupport.FactsOptions(context);
        var facts = ModuleSupport.RequireConfig(await ModuleSupport.CollectAsync(context, options, cancellationToken));
        var report = CapturePlacement.Check(facts.PlacementInput(ModuleSupport.Rtcp(context)));
        var result = Result(facts, report);
        var summary = $"{PlacementReport.VerdictName(report.Verdict)}: {report.Reason}";

        // In check mode, earlier tasks may have planned changes that decide placement (reserved ports, a restart, a toggle).
        var service = "service:" + ModuleSupport.ServiceName(context);
        var pending = context.PendingChanges
            .Where(r => r is ModuleSupport.CaptureResource or ModuleSupport.ReservedPortsResource or ModuleSupport.PortRangeResource || r == service)
            .ToList();
        if (context.Check && pending.Count > 0)
        {
            return ModulePlan.Unknown($"placement after the changes planned earlier ({string.Join(", ", pending)}) cannot be known in check mode; now: {summary}");
        }

        // Placement that could not be seen (sockets unreadable without become) is never reported clear.
        if (report.Verdict == HostVerdict.Unknown)
        {
            return ModulePlan.Fail(summary, result);
        }

        var failAtRisk = context.Arguments.GetBool("fail_on_at_risk");
        if (report.Verdict == HostVerdict.Colliding && context.Arguments.GetBool("fail_on_colliding", true))
        {
            return ModulePlan.Fail(summary, result);
        }

        if (report.Verdict == HostVerdict.AtRisk && failAtRisk)
        {
            return ModulePlan.Fail(summary, result);
        }

        return ModulePlan.NoChange(summary, result);
    }

    internal static Dictionary<string, object?> Result(FreeSwitchHostFacts facts, PlacementReport report) => new(StringComparer.Ordinal)
    {
        ["placement"] = PlacementPlain(report),
        ["verdict"] = PlacementReport.VerdictName(report.Verdict),
        ["capture_ports"] = report.Sockets.Select(s => (object?)(long)s.Port).ToList(),
        ["ip_local_port_range"] = facts.EphemeralRange?.ToString(),
        ["ip_local_reserved_ports"] = facts.ReservedPorts.ToString(),
        ["robustness_in_effect"] = facts.RobustnessInEffect,
    };

    internal static Dictionary<string, object?> PlacementPlain(PlacementReport report) => new(StringComparer.Ordinal)
    {
        ["host"] = PlacementReport.VerdictName(report.Verdict),
        ["reason"] = report.Reason,
        ["rtp_range"] = report.RtpRange.ToString(),
        ["unreserved"] = report.Unreserved.ToString(),
        ["sockets"] = report.Sockets.Select(s => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["local"] = s.Socket.Local,
            ["port"] = (long)s.Port,
            ["status"] = PlacementReport.VerdictName(s.Verdict),
            ["collides_with"] = s.Kind switch
            {
                CollisionKind.Rtp => "rtp",
                CollisionKind.Rtcp => "rtcp",
                _ => null,
            },
            ["reason"] = s.Reason,
        }).ToList(),
    };
}
