using System.Globalization;
using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Placement;
using Orchestrator.FreeSwitch.Toggle;
using Polly;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>capture_toggle</c>: moves capture sockets out of the RTP range with <c>sofia global capture off</c> then
/// <c>on</c>, retried (Polly) until every capture port is clear. Idempotent: clear placement is "ok" and nothing is sent.
/// Fails fast when the kernel can only hand out ports inside the RTP range.
/// </summary>
internal sealed class CaptureToggleModule : Module<PlannedToggle>
{
    public override string Name => "capture_toggle";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .AddConnectionArguments()
        .Add("attempts", ArgumentType.Integer, defaultValue: 10L)
        .Add("delay", ArgumentType.Any)
        .Add("max_delay", ArgumentType.Any)
        .Add("backoff", ArgumentType.String, defaultValue: "exponential", choices: ["constant", "linear", "exponential"])
        .Add("timeout", ArgumentType.Any)
        .Add("poll_interval", ArgumentType.Any)
        .Add("socket_wait", ArgumentType.Any)
        .Add("profiles", ArgumentType.List)
        .Add("rtcp", ArgumentType.String, defaultValue: "auto", choices: ["auto", "yes", "no"]);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var toggleOptions = ToggleOptions(context);
        var options = ModuleSupport.FactsOptions(context);
        var facts = ModuleSupport.RequireConfig(await ModuleSupport.CollectAsync(context, options, cancellationToken));
        var toggler = new CaptureToggler(toggleOptions, context.TimeProvider);
        var decision = toggler.Decide(facts);
        var ports = facts.CaptureSockets.Select(s => (object?)(long)s.LocalPort).ToList();
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["attempts"] = 0L,
            ["initial_ports"] = ports,
            ["final_ports"] = ports,
            ["placement"] = CapturePortsModule.PlacementPlain(decision.Report),
        };
        switch (decision.Kind)
        {
            case ToggleDecisionKind.Clear:
                return ModulePlan.NoChange(decision.Message, result);
            case ToggleDecisionKind.Impossible:
                return ModulePlan.Fail(decision.Message, result);
        }

        var pendingSysctl = context.PendingChanges.Contains(ModuleSupport.ReservedPortsResource);
        var message = decision.Message + (pendingSysctl ? " (after the reserved-ports change planned earlier)" : string.Empty);
        var changes = new List<string> { $"capture: {(toggleOptions.Profiles.Count == 0 ? "sofia global capture off, then on" : string.Join(", ", toggleOptions.Profiles.Select(p => $"sofia profile {p} capture off/on")))}" };
        changes.AddRange(decision.Report.Colliding.Select(c => $"{c.Socket.Local}: collides ({(c.Kind == CollisionKind.Rtp ? "RTP" : "RTCP")}) -> a new kernel-chosen port"));
        return WouldChange(
            message,
            new PlannedToggle(facts, toggleOptions, options),
            [new ModuleDiff("capture sockets") { AttributeChanges = changes }],
            [ModuleSupport.CaptureResource],
            result,
            resultPredictable: false);
    }

    protected override async Task<ModuleResult> ApplyAsync(ModuleContext context, PlannedToggle planned, ModulePlan plan, CancellationToken cancellationToken)
    {
        var toggler = new CaptureToggler(planned.Toggle, context.TimeProvider);
        var endpoint = ModuleSupport.Endpoint(planned.Options, planned.Facts);
        var outcome = await toggler.ToggleAsync(planned.Facts, new ModuleCaptureHost(context, planned.Options, endpoint), cancellationToken);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["attempts"] = (long)outcome.Attempts,
            ["initial_ports"] = outcome.InitialPorts.Select(p => (object?)(long)p).ToList(),
            ["final_ports"] = outcome.FinalPorts.Select(p => (object?)(long)p).ToList(),
        };
        if (outcome.FinalReport is { } report)
        {
            data["placement"] = CapturePortsModule.PlacementPlain(report);
        }

        // Every attempt sent off/on: the host changed even when the ports are still not clear.
        return outcome.Succeeded
            ? ModuleResult.Change(outcome.Message, data)
            : new ModuleResult { Changed = outcome.Attempts > 0, Failed = true, Message = outcome.Message, Data = data };
    }

    private static CaptureToggleOptions ToggleOptions(ModuleContext context)
    {
        var args = context.Arguments;
        var options = new CaptureToggleOptions
        {
            MaxAttempts = (int)(args.GetInteger("attempts") ?? 10),
            Delay = ModuleSupport.Seconds(context, "delay", TimeSpan.FromMilliseconds(500)),
            MaxDelay = ModuleSupport.Seconds(context, "max_delay", TimeSpan.FromSeconds(5)),
            Timeout = ModuleSupport.Seconds(context, "timeout", TimeSpan.FromMinutes(2)),
            PollInterval = ModuleSupport.Seconds(context, "poll_interval", TimeSpan.FromMilliseconds(200)),
            SocketWaitTimeout = ModuleSupport.Seconds(context, "socket_wait", TimeSpan.FromSeconds(10)),
            BackoffType = args.GetString("backoff") switch
            {
                "constant" => DelayBackoffType.Constant,
                "linear" => DelayBackoffType.Linear,
                _ => DelayBackoffType.Exponential,
            },
            Rtcp = ModuleSupport.Rtcp(context),
        };
        foreach (var profile in args.GetList("profiles") ?? [])
        {
            var name = Convert.ToString(profile, CultureInfo.InvariantCulture) ?? string.Empty;
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or ';'))
            {
                throw context.Error($"'profiles' holds '{name}', which is not a profile name");
            }

            options.Profiles.Add(name);
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw context.Error(ex.Message.Split(" (Parameter", 2)[0]);
        }

        return options;
    }
}
