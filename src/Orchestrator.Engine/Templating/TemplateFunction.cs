using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Orchestrator.Engine.Templating;

/// <summary>One function callable from Scriban; checks the argument count and undefined arguments.</summary>
internal sealed class TemplateFunction(string name, int min, int max, Func<object?[], object?> body, bool lenient) : IScriptCustomFunction
{
    public int RequiredParameterCount => min;

    public int ParameterCount => max;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index.ToString(CultureInfo.InvariantCulture));

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        Call(arguments.ToArray());

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public object? Call(object?[] args)
    {
        if (args.Length < min || args.Length > max)
        {
            var expected = min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}";
            throw new TemplateEvaluationException($"'{name}' takes {expected} argument(s) (counting the value before '|'), got {args.Length}");
        }

        if (!lenient)
        {
            foreach (var a in args)
            {
                if (a is UndefinedValue u)
                {
                    throw new UndefinedVariableException(u.Name);
                }
            }
        }

        return body(args);
    }
}
