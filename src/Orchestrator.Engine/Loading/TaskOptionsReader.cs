using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>Reads the keywords that plays, blocks and tasks share (become, when, tags, vars, ...).</summary>
internal sealed class TaskOptionsReader(PlaybookNodes nodes, ExpressionReader expressions)
{
    public void Read(TaskOptions options, YamlMappingNode map)
    {
        options.Become = nodes.OptionalBool(map, "become") ?? options.Become;

        if (PlaybookNodes.Child(map, "become_user") is { } bu)
        {
            options.BecomeUser = nodes.ScalarString(bu, "become_user");
        }

        options.IgnoreErrors = nodes.OptionalBool(map, "ignore_errors") ?? options.IgnoreErrors;
        options.IgnoreUnreachable = nodes.OptionalBool(map, "ignore_unreachable") ?? options.IgnoreUnreachable;
        options.NoLog = nodes.OptionalBool(map, "no_log") ?? options.NoLog;
        options.CheckMode = nodes.OptionalBool(map, "check_mode") ?? options.CheckMode;
        options.Diff = nodes.OptionalBool(map, "diff") ?? options.Diff;
        options.AnyErrorsFatal = nodes.OptionalBool(map, "any_errors_fatal") ?? options.AnyErrorsFatal;
        options.RunOnce = nodes.OptionalBool(map, "run_once") ?? options.RunOnce;

        if (PlaybookNodes.Child(map, "delegate_to") is { } dt)
        {
            options.DelegateTo = expressions.Expr(dt, "delegate_to", braces: true);
        }

        if (PlaybookNodes.Child(map, "tags") is { } tags)
        {
            options.Tags.AddRange(nodes.StringList(tags, "tags").SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        }

        if (PlaybookNodes.Child(map, "when") is { } when)
        {
            options.When.AddRange(expressions.Conditions(when, "when"));
        }

        EnvironmentKeyword.Read(options, map, nodes, expressions);
        if (PlaybookNodes.Child(map, "throttle") is { } throttle)
        {
            options.Throttle = nodes.WholeNumber(throttle, "throttle", "a whole number (0 for no limit)");
        }

        if (PlaybookNodes.Child(map, "vars") is { } vars)
        {
            ReadVars(options, vars);
        }
    }

    private void ReadVars(TaskOptions options, YamlNode vars)
    {
        if (vars is not YamlMappingNode vm)
        {
            throw new UserInputException($"'vars' must be a mapping, but found {YamlData.Kind(vars)}", nodes.At(vars));
        }

        foreach (var (k, v) in vm.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? string.Empty;
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw new UserInputException($"'{name}' is not a valid variable name (letters, digits and _)", nodes.At(k));
            }

            var value = nodes.ToPlain(v);
            expressions.CheckTemplates(value, nodes.At(v));
            options.Vars[name] = value;
        }
    }
}
