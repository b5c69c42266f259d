using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Scriban;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// Reveals, concurrently, the lazy secrets (inline vault values) an evaluation is about to read, so their key
/// derivations (PBKDF2, ~7 ms each) run on every core instead of one after another on first touch. Only what the
/// evaluation will read is revealed (<see cref="TemplateReferences"/>, followed through variables that are
/// templates themselves): an unused vault value is never decrypted, as in Ansible. Failures are not reported
/// here: the secret keeps its exception and the evaluation, which reads in its own order, throws the first.
/// </summary>
internal sealed class SecretPrefetch(TemplateParser parser, IVariableSource variables, int maxDepth)
{
    private readonly List<Secret> _pending = [];
    private readonly HashSet<Secret> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);

    /// <summary>Collects the secrets rendering <paramref name="value"/> reads (strings with templates, secrets inside it).</summary>
    public void AddValue(object? value, SourceLocation location, int depth = 0)
    {
        switch (value)
        {
            case string s when s.Contains("{{", StringComparison.Ordinal):
                var template = TryParse(s, location);
                if (template is not null)
                {
                    AddTemplate(template, location, depth);
                }

                return;
            case IDictionary<string, object?> d:
                foreach (var item in d.Values)
                {
                    AddValue(item, location, depth);
                }

                return;
            case List<object?> l:
                foreach (var item in l)
                {
                    AddValue(item, location, depth);
                }

                return;
            case Secret secret:
                AddSecret(secret);
                return;
        }
    }

    /// <summary>Collects the secrets a parsed template reads, directly or through variables that are templates.</summary>
    public void AddTemplate(Template template, SourceLocation location, int depth = 0)
    {
        foreach (var reference in TemplateReferences.Of(template))
        {
            if (!variables.TryGet(reference.Name, out var value, out var templatable))
            {
                continue;
            }

            if (templatable && PlainData.ContainsTemplate(value))
            {
                // Read as the evaluation does: the whole value rendered (once per name, within the recursion limit).
                if (depth < maxDepth && _followed.Add(reference.Name))
                {
                    AddValue(value, location, depth + 1);
                }

                continue;
            }

            foreach (var key in reference.Path)
            {
                if (value is not IDictionary<string, object?> d || !d.TryGetValue(key, out value))
                {
                    value = null;
                    break;
                }
            }

            if (value is Secret secret)
            {
                AddSecret(secret);
            }
        }
    }

    /// <summary>Reveals the collected secrets on up to one thread per core; returns how many were pending.</summary>
    public int RevealAll()
    {
        if (_pending.Count > 1)
        {
            Parallel.ForEach(_pending, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, RevealQuietly);
        }

        // One secret gains nothing from a thread; the evaluation reveals it.
        return _pending.Count;
    }

    private static void RevealQuietly(Secret secret)
    {
        try
        {
            secret.Reveal();
        }
#pragma warning disable CA1031 // the secret keeps the exception; the evaluation throws it where it reads the value
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void AddSecret(Secret secret)
    {
        if (!secret.IsRevealed && _seen.Add(secret))
        {
            _pending.Add(secret);
        }
    }

    private Template? TryParse(string text, SourceLocation location)
    {
        try
        {
            return JinjaTranslator.TryGetSingleExpression(text, out var expression)
                ? parser.ParseExpression(expression, location)
                : parser.ParseText(text, location);
        }
        catch (UserInputException)
        {
            return null; // the evaluation reports the syntax error
        }
    }
}
