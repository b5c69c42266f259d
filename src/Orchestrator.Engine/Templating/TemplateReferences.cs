using Scriban;
using Scriban.Syntax;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// The variables a parsed template reads whatever the data: each as its name and the constant member path after it
/// (<c>db.password</c>, <c>db['password']</c>). Branches that may not run are left out (the unchosen side of
/// <c>x if c else y</c>, the right side of <c>and</c>/<c>or</c>, <c>if</c>/<c>for</c>/<c>while</c> bodies, function
/// bodies), and so are names the template assigns itself, so a value listed here is one the evaluation will read.
/// </summary>
internal static class TemplateReferences
{
    public static IReadOnlyList<VariableReference> Of(Template template)
    {
        var found = new List<VariableReference>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        Walk(template.Page, found, assigned);
        return assigned.Count == 0 ? found : found.Where(r => !assigned.Contains(r.Name)).ToList();
    }

    private static void Walk(ScriptNode? node, List<VariableReference> found, HashSet<string> assigned)
    {
        switch (node)
        {
            case null:
                return;
            case ScriptVariableGlobal global:
                found.Add(new VariableReference(global.Name, []));
                return;
            case ScriptVariable:
                return; // locals and loop variables
            case ScriptMemberExpression or ScriptIndexerExpression when MemberPath(node) is { } reference:
                found.Add(reference);
                WalkIndexes(node, found, assigned);
                return;
            case ScriptConditionalExpression or ScriptBinaryExpression or ScriptIfStatement or ScriptLoopStatementBase or ScriptCaseStatement
                when PartSureToRun(node, out var part):
                Walk(part, found, assigned);
                return;
            case ScriptElseStatement or ScriptWhenStatement or ScriptFunction:
                return;
            case ScriptAssignExpression assign:
                if (assign.Target is ScriptVariableGlobal target)
                {
                    assigned.Add(target.Name);
                }
                else
                {
                    Walk(assign.Target, found, assigned);
                }

                Walk(assign.Value, found, assigned);
                return;
            default:
                foreach (var child in node.Children)
                {
                    Walk(child, found, assigned);
                }

                return;
        }
    }

    /// <summary>For a node that may skip some of its parts (a branch, a short-circuit, a loop body): the part always evaluated.</summary>
    private static bool PartSureToRun(ScriptNode node, out ScriptNode? part)
    {
        part = node switch
        {
            ScriptConditionalExpression conditional => conditional.Condition,
            ScriptBinaryExpression { Operator: ScriptBinaryOperator.And or ScriptBinaryOperator.Or or ScriptBinaryOperator.EmptyCoalescing or ScriptBinaryOperator.NotEmptyCoalescing } shortCircuit => shortCircuit.Left,
            ScriptIfStatement ifStatement => ifStatement.Condition,
            ScriptForStatement forStatement => forStatement.Iterator,
            ScriptWhileStatement whileStatement => whileStatement.Condition,
            ScriptCaseStatement caseStatement => caseStatement.Value,
            _ => null,
        };
        return part is not null;
    }

    /// <summary>A global followed by constant members or string indexes; null when the chain starts elsewhere.</summary>
    private static VariableReference? MemberPath(ScriptNode node)
    {
        var path = new List<string>();
        var current = node;
        while (true)
        {
            switch (current)
            {
                case ScriptMemberExpression { Member: { } name } member:
                    path.Add(name.Name);
                    current = member.Target;
                    continue;
                case ScriptIndexerExpression indexer:
                    // Only a constant key is followed; a computed one ends the path here.
                    if (indexer.Index is ScriptLiteral { Value: string key })
                    {
                        path.Add(key);
                    }
                    else
                    {
                        path.Clear();
                    }

                    current = indexer.Target;
                    continue;
                case ScriptVariableGlobal global:
                    path.Reverse();
                    return new VariableReference(global.Name, path);
                default:
                    return null;
            }
        }
    }

    /// <summary>Computed indexes in a member chain are evaluated too, so the variables they read count.</summary>
    private static void WalkIndexes(ScriptNode node, List<VariableReference> found, HashSet<string> assigned)
    {
        for (var current = node; current is ScriptMemberExpression or ScriptIndexerExpression;)
        {
            if (current is ScriptIndexerExpression indexer)
            {
                Walk(indexer.Index, found, assigned);
                current = indexer.Target;
            }
            else
            {
                current = ((ScriptMemberExpression)current).Target;
            }
        }
    }
}
