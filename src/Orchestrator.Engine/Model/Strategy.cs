namespace Orchestrator.Engine.Model;

/// <summary>A play's <c>strategy</c>: hosts in lockstep (linear) or each on its own (free).</summary>
internal enum Strategy
{
    Linear,
    Free,
}
