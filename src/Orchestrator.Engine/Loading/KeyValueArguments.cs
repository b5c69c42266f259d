namespace Orchestrator.Engine.Loading;

/// <summary>A parsed <c>k=v</c> string: the options in the order written (a repeated key: the last wins), and the other words.</summary>
internal sealed record KeyValueArguments(IReadOnlyList<KeyValuePair<string, string>> Options, IReadOnlyList<string> FreeForm)
{
    /// <summary>The free-form words as one string (Ansible's <c>_raw_params</c>), or null when there are none.</summary>
    public string? FreeFormText => FreeForm.Count == 0 ? null : KeyValueParser.Join(FreeForm);
}
