using System.Text.RegularExpressions;
using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>config_param</c>: a FreeSWITCH config param (after pre-processing, through the config reader) equals a value, matches
/// a pattern or is one of a list. A param that is not set fails unless <c>missing_ok</c>.
/// </summary>
internal sealed partial class ConfigParamCheck(string configuration, string path, string name, string? equals, Regex? matches, IReadOnlyList<string>? oneOf, bool missingOk) : Check
{
    public const string Name = "config_param";

    public override string TypeName => Name;

    public override bool NeedsConfiguration => true;

    public static CheckType Type { get; } = new(
        Name,
        "A config param (e.g. switch.conf settings rtp-start-port) equals a value, matches a regex or is one of a list.",
        [
            new("configuration", ParamKind.String, true, "The <configuration name=..>, e.g. switch.conf or sofia.conf."),
            new("path", ParamKind.String, false, "Where the params are under it, e.g. settings (default), global_settings or profiles/profile[internal]/settings."),
            new("param", ParamKind.String, true, "The param name."),
            new("equals", ParamKind.String, false, "The exact value required."),
            new("matches", ParamKind.Regex, false, "A regex the value must match (anchor it yourself)."),
            new("one_of", ParamKind.StringList, false, "Allowed values."),
            new("missing_ok", ParamKind.Bool, false, "Pass when the param is not set; default false."),
        ],
        a =>
        {
            var given = new[] { "equals", "matches", "one_of" }.Count(a.Has);
            if (given != 1)
            {
                throw new Core.Errors.UserInputException("config_param: expected exactly one of equals, matches or one_of", a.Location);
            }

            return new ConfigParamCheck(a.String("configuration")!, a.String("path") ?? "settings", a.String("param")!, a.String("equals"), a.Regex("matches"), a.StringList("one_of"), a.Bool("missing_ok") ?? false);
        });

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts, out _, out _) is { } missing)
        {
            return missing;
        }

        if (facts.Configuration is null)
        {
            return CheckOutcome.Error("the full FreeSWITCH configuration was not parsed");
        }

        var param = facts.Configuration.GetParam(configuration, path, name);
        var evidence = new Dictionary<string, object?>
        {
            ["configuration"] = configuration,
            ["path"] = path,
            ["param"] = name,
            ["value"] = param?.Value,
            ["location"] = param?.Location?.ToString(),
        };
        var want = equals is not null ? $"'{equals}'" : matches is not null ? $"matching /{matches}/" : $"one of {string.Join(", ", oneOf!)}";
        evidence["expected"] = want;
        if (param is null)
        {
            return missingOk
                ? CheckOutcome.Pass($"{configuration} {path} {name} is not set (allowed)", evidence)
                : CheckOutcome.Fail($"{configuration} {path} {name} is not set; expected {want}", evidence);
        }

        var ok = equals is not null ? string.Equals(param.Value, equals, StringComparison.Ordinal)
            : matches is not null ? matches.IsMatch(param.Value)
            : oneOf!.Contains(param.Value, StringComparer.Ordinal);
        return ok
            ? CheckOutcome.Pass($"{name} = '{param.Value}'", evidence)
            : CheckOutcome.Fail($"{name} = '{param.Value}' at {param.Location}; expected {want}", evidence);
    }
}
