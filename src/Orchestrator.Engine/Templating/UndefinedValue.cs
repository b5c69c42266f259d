using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// What an undefined variable or member evaluates to (Jinja's StrictUndefined): it may be tested with
/// <c>is defined</c> or replaced with <c>default(...)</c>; any other use (printing, comparing, arithmetic,
/// a condition, a function argument) throws <see cref="UndefinedVariableException"/> naming it.
/// </summary>
internal sealed class UndefinedValue(string name) : IScriptCustomType
{
    public string Name { get; } = name;

    public string TypeName => "undefined";

    public Type? GetElementType() => null;

    public bool TryConvertTo(TemplateContext context, SourceSpan span, Type type, out object value)
    {
        if (type == typeof(object))
        {
            value = this;
            return true;
        }

        throw new UndefinedVariableException(Name, span);
    }

    public bool TryEvaluate(TemplateContext context, SourceSpan span, ScriptBinaryOperator op, SourceSpan leftSpan, object? leftValue, SourceSpan rightSpan, object? rightValue, out object? result)
        => throw new UndefinedVariableException(Name, span);

    public bool TryEvaluate(TemplateContext context, SourceSpan span, ScriptUnaryOperator op, object rightValue, out object result)
        => throw new UndefinedVariableException(Name, span);

    public override string ToString() => throw new UndefinedVariableException(Name);
}
