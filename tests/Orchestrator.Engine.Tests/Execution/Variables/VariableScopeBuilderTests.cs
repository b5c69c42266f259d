using Orchestrator.Engine.Execution.Variables;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>Ansible's precedence list, level by level: for each pair of neighbours, the higher one wins.</summary>
public sealed class VariableScopeBuilderTests
{
    private delegate VariableLevels SetLevel(VariableLevels levels, IReadOnlyDictionary<string, object?> values);

    // Lowest first, as /work/shared/docs/ansible-repository.md lists them (the inventory's levels merged in one).
    private static readonly (string Name, SetLevel Set)[] LowestFirst =
    [
        ("role defaults", (l, v) => l with { RoleDefaults = v }),
        ("inventory", (l, v) => l with { Inventory = v }),
        ("host magic", (l, v) => l with { HostMagic = v }),
        ("facts", (l, v) => l with { Facts = v }),
        ("play vars", (l, v) => l with { PlayVars = v }),
        ("vars_prompt", (l, v) => l with { VarsPrompt = v }),
        ("vars_files", (l, v) => l with { VarsFiles = [v] }),
        ("role vars", (l, v) => l with { RoleVars = v }),
        ("block vars", (l, v) => l with { BlockVars = [v] }),
        ("task vars", (l, v) => l with { TaskVars = v }),
        ("include_vars", (l, v) => l with { IncludeVars = v }),
        ("set_fact and register", (l, v) => l with { SetFacts = v }),
        ("role params", (l, v) => l with { RoleParams = v }),
        ("include params", (l, v) => l with { IncludeParams = v }),
        ("extra vars", (l, v) => l with { ExtraVars = v }),
        ("magic", (l, v) => l with { Magic = v }),
    ];

    public static TheoryData<string, string> Neighbours()
    {
        var data = new TheoryData<string, string>();
        for (var i = 0; i + 1 < LowestFirst.Length; i++)
        {
            data.Add(LowestFirst[i].Name, LowestFirst[i + 1].Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Build_NeighbouringLevels_HigherWins(string lower, string higher)
    {
        var alone = Set(new VariableLevels(), lower, "low");
        Assert.Equal("low", Get(VariableScopeBuilder.Build(alone), "x"));
        var both = Set(alone, higher, "high");
        Assert.Equal("high", Get(VariableScopeBuilder.Build(both), "x"));
    }

    [Fact]
    public void LevelList_NamesEveryLevelOfTheInput()
    {
        Assert.Equal(typeof(VariableLevels).GetProperties().Length, LowestFirst.Length);
        var all = LowestFirst.Aggregate(new VariableLevels(), (l, level) => level.Set(l, new Dictionary<string, object?> { [level.Name] = 1 }));
        Assert.Equal(LowestFirst.Length, VariableScopeBuilder.Build(all).Layers.Count);
    }

    [Fact]
    public void Build_VarsFiles_LaterFileWins_BlockVars_InnerBlockWins()
    {
        var scope = VariableScopeBuilder.Build(new VariableLevels
        {
            VarsFiles = [Values("f", "first"), Values("f", "second")],
            BlockVars = [Values("b", "outer"), Values("b", "inner")],
        });
        Assert.Equal("second", Get(scope, "f"));
        Assert.Equal("inner", Get(scope, "b"));
    }

    [Fact]
    public void With_LoopVariable_BeatsEveryLevelEvenMagic()
    {
        var scope = VariableScopeBuilder.Build(new VariableLevels { ExtraVars = Values("item", "extra"), Magic = Values("item", "magic") });
        Assert.Equal("loop", Get(scope.With(Values("item", "loop")), "item"));
    }

    [Theory]
    [InlineData("inventory", true)]
    [InlineData("host magic", false)]
    [InlineData("facts", false)]
    [InlineData("play vars", true)]
    [InlineData("vars_files", true)]
    [InlineData("block vars", true)]
    [InlineData("task vars", true)]
    [InlineData("set_fact and register", false)]
    [InlineData("extra vars", true)]
    [InlineData("magic", false)]
    public void Build_UserWrittenLevelsAreTemplatable_ResultsAndFactsAreNot(string level, bool templatable)
    {
        var scope = VariableScopeBuilder.Build(Set(new VariableLevels(), level, "{{ y }}"));
        Assert.True(scope.TryGet("x", out _, out var isTemplatable));
        Assert.Equal(templatable, isTemplatable);
    }

    private static VariableLevels Set(VariableLevels levels, string level, string value) =>
        LowestFirst.Single(l => l.Name == level).Set(levels, Values("x", value));

    private static Dictionary<string, object?> Values(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

    private static object? Get(VariableScope scope, string name) => scope.TryGet(name, out var value, out _) ? value : "(undefined)";
}
