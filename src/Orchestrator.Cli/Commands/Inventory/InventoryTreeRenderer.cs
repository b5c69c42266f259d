using Orchestrator.Inventory.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orchestrator.Cli.Commands.Inventory;

/// <summary>Draws an inventory graph as a Spectre.Console tree: groups in bold, variables dimmed.</summary>
internal static class InventoryTreeRenderer
{
    private static readonly Style GroupStyle = new(foreground: Color.Blue, decoration: Decoration.Bold);
    private static readonly Style VariableStyle = new(decoration: Decoration.Dim);

    public static Tree Render(InventoryGraphNode root)
    {
        var tree = new Tree(Label(root)) { Guide = TreeGuide.Line };
        foreach (var child in root.Children)
        {
            Add(tree.AddNode(Label(child)), child);
        }

        return tree;
    }

    private static void Add(TreeNode node, InventoryGraphNode graph)
    {
        foreach (var child in graph.Children)
        {
            Add(node.AddNode(Label(child)), child);
        }
    }

    // Text, not markup: host names and values may contain '[' and ']'.
    private static IRenderable Label(InventoryGraphNode node) => node.Kind switch
    {
        InventoryGraphNodeKind.Group => new Text(node.Label, GroupStyle),
        InventoryGraphNodeKind.Variable => new Text(node.Label, VariableStyle),
        _ => new Text(node.Label),
    };
}
