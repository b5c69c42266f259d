namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// Ansible's variable precedence, in one place (ansible-core 2.14 <c>VariableManager.get_vars</c>;
/// /work/shared/docs/ansible-repository.md has the list). Above all of it, per task: the loop variable and the
/// result judged by changed_when/failed_when/until (<see cref="VariableScope.With"/>).
/// </summary>
internal static class VariableScopeBuilder
{
    /// <summary>Stacks the levels, lowest first; user-written levels are templatable, facts, results and magic are not.</summary>
    public static VariableScope Build(VariableLevels levels)
    {
        var stack = new LayerStack();
        stack.Add(levels.RoleDefaults, templatable: true);

        // Ansible interleaves eight levels here (inventory file group vars, inventory and playbook group_vars/all,
        // inventory and playbook group_vars/*, inventory file host vars, inventory and playbook host_vars/*):
        // Orchestrator.Inventory merges them into one, in that order.
        stack.Add(levels.Inventory, templatable: true);
        stack.Add(levels.HostMagic, templatable: false);

        stack.Add(levels.Facts, templatable: false);
        stack.Add(levels.PlayVars, templatable: true);
        stack.Add(levels.VarsPrompt, templatable: false);
        stack.AddAll(levels.VarsFiles, templatable: true);
        stack.Add(levels.RoleVars, templatable: true);
        stack.AddAll(levels.BlockVars, templatable: true);
        stack.Add(levels.TaskVars, templatable: true);
        stack.Add(levels.IncludeVars, templatable: true);
        stack.Add(levels.SetFacts, templatable: false);
        stack.Add(levels.RoleParams, templatable: true);
        stack.Add(levels.IncludeParams, templatable: true);
        stack.Add(levels.ExtraVars, templatable: true);
        stack.Add(levels.Magic, templatable: false);
        return new VariableScope(stack.HighestFirst());
    }

    private sealed class LayerStack
    {
        private readonly List<VariableLayer> _lowestFirst = new(16);

        public void Add(IReadOnlyDictionary<string, object?>? values, bool templatable)
        {
            // A level without a source is left out; an empty one stays, since set_fact and register fill
            // SetFacts while the scope lives.
            if (values is not null)
            {
                _lowestFirst.Add(new VariableLayer(values, templatable));
            }
        }

        public void AddAll(IReadOnlyList<IReadOnlyDictionary<string, object?>>? lowestFirst, bool templatable)
        {
            foreach (var values in lowestFirst ?? [])
            {
                Add(values, templatable);
            }
        }

        public List<VariableLayer> HighestFirst()
        {
            _lowestFirst.Reverse();
            return _lowestFirst;
        }
    }
}
