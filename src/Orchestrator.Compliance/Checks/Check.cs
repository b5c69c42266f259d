using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

/// <summary>A check of one control, built from the policy's <c>check:</c> mapping. Evaluates facts; never runs commands itself.</summary>
internal abstract class Check
{
    public abstract string TypeName { get; }

    /// <summary>Commands this check needs run in the facts batch (service and command checks).</summary>
    public virtual IEnumerable<ProbeRequest> Probes => [];

    /// <summary>The log window this check needs bind errors counted over, if any.</summary>
    public virtual TimeSpan? BindErrorWindow => null;

    /// <summary>True when the check reads arbitrary params of the whole configuration.</summary>
    public virtual bool NeedsConfiguration => false;

    public abstract CheckOutcome Evaluate(HostFacts facts);
}
