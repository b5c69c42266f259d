namespace Orchestrator.Engine.Loading;

/// <summary>The keywords a play, a block and a task accept, and the Ansible ones we refuse with a reason.</summary>
internal static class PlaybookKeywords
{
    public static readonly HashSet<string> Play = new(StringComparer.Ordinal)
    {
        "name", "hosts", "serial", "max_fail_percentage", "any_errors_fatal", "strategy", "vars", "vars_files",
        "pre_tasks", "tasks", "post_tasks", "handlers", "become", "become_user", "gather_facts", "tags", "check_mode",
        "diff", "no_log", "ignore_errors", "ignore_unreachable", "force_handlers", "secret_vars", "roles",
    };

    /// <summary>Keywords valid on blocks and tasks alike.</summary>
    public static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "name", "when", "tags", "vars", "become", "become_user", "ignore_errors", "ignore_unreachable", "no_log",
        "check_mode", "diff", "run_once", "delegate_to", "any_errors_fatal",
    };

    public static readonly HashSet<string> Task = new(Common, StringComparer.Ordinal)
    {
        "loop", "with_items", "loop_control", "register", "until", "retries", "delay", "changed_when", "failed_when",
        "notify", "args", "listen",
    };

    public static readonly HashSet<string> Block = new(Common, StringComparer.Ordinal) { "block", "rescue", "always" };

    /// <summary>Keywords of a role entry (play <c>roles:</c>, meta dependencies); every other key is a role parameter.</summary>
    public static readonly HashSet<string> RoleEntry = new(Common, StringComparer.Ordinal) { "role" };

    public static readonly HashSet<string> LoopControl = new(["loop_var", "label", "index_var", "pause"], StringComparer.Ordinal);

    /// <summary>Ansible keywords we do not implement, each with what to do instead.</summary>
    public static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["import_playbook"] = "import_playbook is not supported; run the playbooks one after the other",
        ["environment"] = "environment is not supported; set variables in the command (shell: FOO=bar cmd)",
        ["vars_prompt"] = "vars_prompt is not supported; pass values with -e",
        ["local_action"] = "local_action is not supported; use delegate_to: localhost",
        ["with_dict"] = "with_dict is not supported; use loop: \"{{ d | dict2items }}\"",
        ["with_together"] = "with_together is not supported",
        ["async"] = "async is not supported",
        ["poll"] = "poll is not supported",
        ["throttle"] = "throttle is not supported; use --forks or serial",
        ["connection"] = "connection is not supported at task level; set ansible_connection in the inventory",
    };
}
