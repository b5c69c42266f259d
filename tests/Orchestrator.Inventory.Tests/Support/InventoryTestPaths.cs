using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Support;

/// <summary>This test project's data in the checkout: the differential corpus and the Ansible configuration it runs with.</summary>
internal static class InventoryTestPaths
{
    public static string TestProject => Path.Combine(RepoPaths.Root, "tests", "Orchestrator.Inventory.Tests");

    public static string Corpus => Path.Combine(TestProject, "Corpus");

    public static string Differential => Path.Combine(TestProject, "Differential");
}
