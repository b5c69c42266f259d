namespace Orchestrator.Engine.Templating;

/// <summary>Where a template reads its variables from. <see cref="Templatable"/> values are rendered when read.</summary>
internal interface IVariableSource
{
    bool TryGet(string name, out object? value, out bool templatable);
}
