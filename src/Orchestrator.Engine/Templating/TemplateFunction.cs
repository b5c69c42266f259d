using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// One function callable from Scriban; checks the argument count and undefined arguments. A function that takes keyword
/// arguments (<c>lookup(..., wantlist=True)</c>) receives them as <see cref="Lookups.KeywordArgument"/> values, and one
/// that needs the evaluation (its variables) receives the Scriban context.
/// </summary>
internal sealed class TemplateFunction(string name, int min, int max, Func<TemplateContext?, object?[], object?> body, bool lenient, bool keywords) : IScriptCustomFunction
{
    public TemplateFunction(string name, int min, int max, Func<object?[], object?> body, bool lenient)
        : this(name, min, max, (_, a) => body(a), lenient, keywords: false)
    {
    }

    public int RequiredParameterCount => min;

    public int ParameterCount => max;

    public ScriptVarParamKind VarParamKind => keywords ? ScriptVarParamKind.Direct : ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index.ToString(CultureInfo.InvariantCulture));

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        Call(context, arguments.ToArray());

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public object? Call(object?[] args) => Call(null, args);

    private object? Call(TemplateContext? context, object?[] args)
    {
        if (!keywords && args.OfType<Lookups.KeywordArgument>().FirstOrDefault() is { } keyword)
        {
            throw new TemplateEvaluationException($"'{name}' takes no keyword arguments, got '{keyword.Name}='");
        }

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

        return body(context, args);
    }
}
