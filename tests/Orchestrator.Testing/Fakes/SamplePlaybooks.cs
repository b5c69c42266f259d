namespace Orchestrator.Testing.Fakes;

/// <summary>Playbooks more than one test project runs through <see cref="EngineHarness"/>.</summary>
public static class SamplePlaybooks
{
    /// <summary>One play on all hosts: a task that changes, one skipped by its condition, one looping over two items.</summary>
    public const string ChangeSkipAndLoop = """
        - name: Demo
          hosts: all
          tasks:
            - name: write
              copy: {content: "a\n", dest: /etc/a}
            - name: skip
              debug: msg=x
              when: false
            - name: items
              debug: msg="{{ item }}"
              loop: [one, two]
        """;
}
