using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// Renders <c>{{ }}</c> strings and evaluates conditions with Scriban, after <see cref="JinjaTranslator"/>.
/// Strict: an undefined variable is an error naming it and the place it was used. Thread-safe: parsed
/// templates are cached and shared; each evaluation gets its own Scriban context.
/// </summary>
internal sealed class TemplateEngine(SecretRedactor redactor)
{
    private const int MaxDepth = 32;

    private static readonly ScriptObject Functions = TemplateFunctions.CreateScriptObject();
    private readonly TemplateParser _parser = new();

    public SecretRedactor Redactor => redactor;

    /// <summary>Checks the syntax of a string that may hold <c>{{ }}</c> blocks (load time).</summary>
    public void CheckText(string text, SourceLocation location) => _parser.ParseText(text, location);

    /// <summary>The variables as lookups see them (for <c>with_NAME</c> loops, which run a lookup outside any template).</summary>
    public Lookups.ILookupScope LookupScope(IVariableSource variables, SourceLocation location, Action<string>? onRead = null) =>
        new Scope(this, variables, location, onRead, 0);

    /// <summary>Checks the syntax of a bare expression such as a <c>when</c> (load time).</summary>
    public void CheckExpression(string expression, SourceLocation location) => _parser.ParseExpression(expression, location);

    /// <summary>Renders every string inside a value (deeply). A string that is exactly one <c>{{ expr }}</c> keeps the expression's type.</summary>
    public object? Render(object? value, IVariableSource variables, SourceLocation location, Action<string>? onRead = null)
    {
        PrefetchSecrets(variables, p => p.AddValue(value, location));
        return Render(value, new Scope(this, variables, location, onRead, 0));
    }

    public string RenderText(string text, IVariableSource variables, SourceLocation location, Action<string>? onRead = null)
    {
        PrefetchSecrets(variables, p => p.AddValue(text, location));
        return PlainData.ToText(Render(text, new Scope(this, variables, location, onRead, 0)));
    }

    /// <summary>Evaluates a condition (<c>when</c>, <c>failed_when</c>, ...) written without braces.</summary>
    public bool EvaluateCondition(string expression, IVariableSource variables, SourceLocation location, Action<string>? onRead = null)
    {
        var expr = Unbrace(expression);
        var template = _parser.ParseExpression(expr, location);
        PrefetchSecrets(variables, p => p.AddTemplate(template, location));
        var value = Evaluate(template, new Scope(this, variables, location, onRead, 0), expr);
        try
        {
            return PlainData.IsTruthy(value);
        }
        catch (UndefinedVariableException ex)
        {
            throw Undefined(ex, location, expr);
        }
    }

    /// <summary>Evaluates a bare expression and returns plain data.</summary>
    public object? EvaluateExpression(string expression, IVariableSource variables, SourceLocation location, Action<string>? onRead = null)
    {
        var expr = Unbrace(expression);
        var template = _parser.ParseExpression(expr, location);
        PrefetchSecrets(variables, p => p.AddTemplate(template, location));
        return ToPlain(Evaluate(template, new Scope(this, variables, location, onRead, 0), expr), location, expr);
    }

    /// <summary>Renders a whole template file (Scriban statements allowed); errors carry the template's own line.</summary>
    public string RenderFile(string text, string path, IVariableSource variables, Action<string>? onRead = null)
    {
        var location = new SourceLocation(path, 0, 0);
        var template = _parser.ParseFile(text, path);
        PrefetchSecrets(variables, p => p.AddTemplate(template, location));
        var scope = new Scope(this, variables, location, onRead, 0);
        var context = scope.CreateContext();
        try
        {
            return template.Render(context);
        }
        catch (Exception ex) when (ex is ScriptRuntimeException or UndefinedVariableException or TemplateEvaluationException)
        {
            var inner = Innermost(ex);
            var span = inner is UndefinedVariableException { Span: { } s } ? s : (ex as ScriptRuntimeException)?.Span;
            var (line, column) = span is { } sp && (sp.Start.Line > 0 || sp.Start.Column > 0) ? (sp.Start.Line + 1, sp.Start.Column + 1) : (0, 0);
            if (line == 0 && inner is UndefinedVariableException undefined)
            {
                // Scriban reports output-time failures at the page; find the first use of the name instead.
                (line, column) = FindUse(text, undefined.VariableName.Split('.', '[')[0]);
            }
            throw new UserInputException(
                redactor.Redact(inner is UndefinedVariableException u ? $"undefined variable '{u.VariableName}' in template" : $"template error: {Message(ex)}"),
                new SourceLocation(path, line, column),
                inner: ex);
        }
    }

    /// <summary>Decrypts in parallel the vault values the evaluation about to run will read (see <see cref="SecretPrefetch"/>).</summary>
    private void PrefetchSecrets(IVariableSource variables, Action<SecretPrefetch> collect)
    {
        var prefetch = new SecretPrefetch(_parser, variables, MaxDepth);
        collect(prefetch);
        prefetch.RevealAll();
    }

    private static string Unbrace(string expression)
    {
        var t = expression.Trim();
        return JinjaTranslator.TryGetSingleExpression(t, out var inner) ? inner : t;
    }

    private static (int Line, int Column) FindUse(string text, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            text, @"\{\{[^}]*?\b" + System.Text.RegularExpressions.Regex.Escape(name) + @"\b", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? TemplateParser.LineColumn(text, match.Index + match.Value.LastIndexOf(name, StringComparison.Ordinal)) : (0, 0);
    }

    private object? Render(object? value, Scope scope)
    {
        switch (value)
        {
            case string s when s.Contains("{{", StringComparison.Ordinal):
                if (JinjaTranslator.TryGetSingleExpression(s, out var expression))
                {
                    var result = ToPlain(Evaluate(_parser.ParseExpression(expression, scope.Location), scope, s), scope.Location, s);
                    var newlines = TrailingNewlines.Count(s);
                    return newlines == 0 ? result : TrailingNewlines.Apply(s, result, newlines);
                }

                var template = _parser.ParseText(s, scope.Location);
                try
                {
                    return template.Render(scope.CreateContext());
                }
                catch (Exception ex) when (ex is ScriptRuntimeException or UndefinedVariableException or TemplateEvaluationException or InvalidCastException or FormatException)
                {
                    throw Wrap(ex, scope.Location, s);
                }

            case IDictionary<string, object?> d:
                return d.ToDictionary(kv => kv.Key, kv => Render(kv.Value, scope), StringComparer.Ordinal);
            case List<object?> l:
                return l.Select(x => Render(x, scope)).ToList();
            case Secret secret:
                redactor.Add(secret);
                return secret.Reveal();
            default:
                return value;
        }
    }

    private object? Evaluate(Template template, Scope scope, string source)
    {
        try
        {
            return template.Evaluate(scope.CreateContext());
        }
        catch (Exception ex) when (ex is ScriptRuntimeException or UndefinedVariableException or TemplateEvaluationException or InvalidCastException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw Wrap(ex, scope.Location, source);
        }
    }

    private object? ToPlain(object? value, SourceLocation location, string source)
    {
        try
        {
            return PlainData.Normalize(value);
        }
        catch (UndefinedVariableException ex)
        {
            throw Undefined(ex, location, source);
        }
    }

    private UserInputException Wrap(Exception ex, SourceLocation location, string source)
    {
        if (Innermost(ex) is UndefinedVariableException u)
        {
            return Undefined(u, location, source);
        }

        if (Innermost(ex) is UserInputException uie)
        {
            return uie;
        }

        return new UserInputException(redactor.Redact($"cannot evaluate \"{source}\": {Message(ex)}"), location);
    }

    private UserInputException Undefined(UndefinedVariableException ex, SourceLocation location, string source) =>
        new(redactor.Redact($"undefined variable '{ex.VariableName}' in \"{source}\""), location);

    private static Exception Innermost(Exception ex)
    {
        var e = ex;
        while (e.InnerException is not null && e is not UndefinedVariableException and not UserInputException)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static string Message(Exception ex)
    {
        var inner = Innermost(ex);
        if (inner is ScriptRuntimeException sre)
        {
            return sre.OriginalMessage;
        }

        return inner.Message;
    }

    /// <summary>One evaluation: the variables, where the text came from, and the recursion depth of nested variable templates.</summary>
    private sealed class Scope(TemplateEngine engine, IVariableSource variables, SourceLocation location, Action<string>? onRead, int depth) : Lookups.ILookupScope
    {
        public SourceLocation Location => location;

        public StrictContext CreateContext()
        {
            var context = new StrictContext(this)
            {
                StrictVariables = false,
                EnableRelaxedMemberAccess = false,
                EnableRelaxedIndexerAccess = false,
                LoopLimit = 100_000,
                RegexTimeOut = TimeSpan.FromSeconds(2),
            };
            context.TryGetVariable = (TemplateContext _, SourceSpan _, ScriptVariable v, out object? value) =>
            {
                value = new UndefinedValue(v.Name);
                return true;
            };
            context.TryGetMember = (TemplateContext c, SourceSpan _, object target, string member, out object? value) =>
            {
                value = new UndefinedValue(target is UndefinedValue u ? u.Name + "." + member : c.CurrentNode?.ToString() ?? member);
                return true;
            };
            context.PushGlobal(Functions);
            context.PushGlobal(new VariablesObject(this));
            return context;
        }

        public string RenderFile(string text, string path) => engine.RenderFile(text, path, variables, onRead);

        public bool TryGetVariable(string name, out object? value)
        {
            if (!variables.TryGet(name, out value, out var templatable))
            {
                return false;
            }

            onRead?.Invoke(name);
            if (templatable && PlainData.ContainsTemplate(value))
            {
                if (depth >= MaxDepth)
                {
                    throw new UserInputException($"variable '{name}' refers to itself (template recursion deeper than {MaxDepth})", location);
                }

                value = engine.Render(value, new Scope(engine, variables, location, onRead, depth + 1));
            }

            value = Expose(value);
            return true;
        }

        /// <summary>Secrets reach templates as their value (the run's redactor knows them, so output hides them).</summary>
        public object? Expose(object? value)
        {
            if (value is Secret s)
            {
                engine.Redactor.Add(s);
                return s.Reveal();
            }

            return value;
        }
    }

    /// <summary>The variables as Scriban's innermost global scope; read-only.</summary>
    private sealed class VariablesObject(Scope scope) : IScriptObject
    {
        public int Count => 0;

        public bool IsReadOnly { get => true; set { } }

        public IEnumerable<string> GetMembers() => [];

        public bool Contains(string member) => scope.TryGetVariable(member, out _);

        public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value) =>
            scope.TryGetVariable(member, out value);

        public bool CanWrite(string member) => false;

        public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

        public bool Remove(string member) => false;

        public void SetReadOnly(string member, bool readOnly)
        {
        }

        public IScriptObject Clone(bool deep) => this;
    }

    /// <summary>A Scriban context where undefined values stay strict and plain dictionaries yield undefined for missing keys.</summary>
    private sealed class StrictContext(Scope scope) : TemplateContext(new ScriptObject(), StringComparer.Ordinal), Lookups.ILookupScope
    {
        bool Lookups.ILookupScope.TryGetVariable(string name, out object? value) => scope.TryGetVariable(name, out value);

        string Lookups.ILookupScope.RenderFile(string text, string path) => scope.RenderFile(text, path);

        public override bool ToBool(SourceSpan span, object? value) =>
            value is UndefinedValue u ? throw new UndefinedVariableException(u.Name, span) : base.ToBool(span, value);

        public override string? ObjectToString(object? value, bool nested = false) => value switch
        {
            UndefinedValue u => throw new UndefinedVariableException(u.Name, CurrentNode?.Span),
            bool b => b ? "True" : "False",
            null => string.Empty,
            IDictionary<string, object?> or List<object?> => PlainData.ToJson(value),
            _ => base.ObjectToString(value, nested),
        };

        protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
            target is IDictionary<string, object?> and not ScriptObject ? new DictionaryAccessor(scope) : base.GetMemberAccessorImpl(target);
    }

    private sealed class DictionaryAccessor(Scope scope) : IObjectAccessor
    {
        public bool HasIndexer => true;

        public Type IndexType => typeof(string);

        public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => ((IDictionary<string, object?>)target).Count;

        public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => ((IDictionary<string, object?>)target).Keys;

        public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => ((IDictionary<string, object?>)target).ContainsKey(member);

        public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
        {
            if (((IDictionary<string, object?>)target).TryGetValue(member, out value))
            {
                value = scope.Expose(value);
                return true;
            }

            value = new UndefinedValue((context.CurrentNode?.ToString() ?? "?") is var n && n.EndsWith(member, StringComparison.Ordinal) ? n : member);
            return true;
        }

        public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
        {
            var key = index switch
            {
                string s => s,
                UndefinedValue u => throw new UndefinedVariableException(u.Name),
                _ => PlainData.ToText(PlainData.Normalize(index)),
            };
            if (((IDictionary<string, object?>)target).TryGetValue(key, out value))
            {
                value = scope.Expose(value);
                return true;
            }

            value = new UndefinedValue($"{context.CurrentNode?.ToString() ?? "?"}");
            return true;
        }

        public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

        public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;
    }
}
