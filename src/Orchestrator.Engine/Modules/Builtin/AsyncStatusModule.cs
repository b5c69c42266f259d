using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// <c>async_status</c>: the state of an async job started with <c>async</c>/<c>poll: 0</c> (<c>finished</c> 0 or 1, and
/// once finished the command's rc, stdout and stderr), or <c>mode: cleanup</c> to remove its files.
/// </summary>
internal sealed class AsyncStatusModule : Module
{
    public override string Name => "async_status";

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("jid", ArgumentType.String, required: true)
        .Add("mode", ArgumentType.String, defaultValue: "status", choices: ["status", "cleanup"]);

    public override async Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var jid = context.Arguments.GetString("jid")!;
        if (!AsyncJob.IsValidId(jid))
        {
            throw context.Error($"'{jid}' is not a job id (letters, digits, '.', '_' and '-')");
        }

        var data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_job_id"] = jid, ["started"] = 1L };
        if (context.Arguments.GetString("mode") == "cleanup")
        {
            await AsyncJob.CleanupAsync(context, jid, cancellationToken);
            data["erased"] = $"~/.ansible_async/{jid}";
            return ModulePlan.NoChange($"cleaned up job {jid}", data);
        }

        var state = await AsyncJob.StateAsync(context, jid, cancellationToken);
        switch (state)
        {
            case "running":
                data["finished"] = 0L;
                return ModulePlan.NoChange($"job {jid} is running", data);
            case "missing":
                data["finished"] = 1L;
                return ModulePlan.Fail("could not find job", data);
        }

        data["finished"] = 1L;
        var result = await AsyncJob.OutputAsync(context, jid, cancellationToken);
        foreach (var (k, v) in CommandModuleBase.ResultData(result))
        {
            data[k] = v;
        }

        return state == "timeout" ? ModulePlan.Fail("async task did not complete within the requested time", data)
            : result.ExitCode != 0 ? ModulePlan.Fail("non-zero return code", data)
            : ModulePlan.WouldChange($"job {jid} finished", result: data);
    }

    /// <summary>Ansible reports a finished job with the job's own result: a command that ran is changed.</summary>
    public override Task<ModuleResult> ApplyAsync(ModuleContext context, ModulePlan plan, CancellationToken cancellationToken) =>
        Task.FromResult(ModuleResult.Change(plan.Message, plan.Result));
}
