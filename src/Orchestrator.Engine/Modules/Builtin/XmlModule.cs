namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// <c>xml</c>: select elements with XPath, then set an attribute, set the text, remove, or make sure an element
/// exists. The file is edited as text so everything else stays byte for byte.
/// </summary>
internal sealed class XmlModule : TextEditModule
{
    public override string Name => "xml";

    public override IReadOnlyList<string> Aliases => ["community.general.xml"];

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec()
        .Add("path", ArgumentType.String, required: true)
        .Add("xpath", ArgumentType.String, required: true)
        .Add("attribute", ArgumentType.String)
        .Add("value", ArgumentType.String)
        .Add("state", ArgumentType.String, defaultValue: "present", choices: ["present", "absent"])
        .Add("backup", ArgumentType.Boolean, defaultValue: false);

    protected override TextEdit Edit(ModuleContext context, string? current)
    {
        var args = context.Arguments;
        var xpath = args.RequireString("xpath");
        var attribute = args.GetString("attribute");
        var value = args.GetString("value");
        var absent = args.GetString("state") == "absent";
        if (attribute is not null && value is null && !absent)
        {
            throw context.Error("'attribute' needs 'value' (or state: absent to remove it)");
        }

        var editor = new XmlTextEditor(current!);
        var matches = editor.Select(xpath);
        if (absent)
        {
            foreach (var element in matches)
            {
                if (attribute is null)
                {
                    editor.Remove(element);
                }
                else
                {
                    editor.RemoveAttribute(element, attribute);
                }
            }

            return editor.Changed
                ? TextEdit.Changed(editor.Result(), attribute is null ? new("remove", $"{matches.Count} element(s) matching {xpath}") : new("remove", $"attribute {attribute} from {xpath}"))
                : TextEdit.Same(editor.Result(), $"nothing matches {xpath}{(attribute is null ? string.Empty : "/@" + attribute)}");
        }

        if (matches.Count == 0)
        {
            var extra = attribute is not null ? new Dictionary<string, string> { [attribute] = value! } : new Dictionary<string, string>();
            var created = editor.Create(xpath, extra, attribute is null ? value : null);
            return TextEdit.Changed(editor.Result(), new("add", created));
        }

        foreach (var element in matches)
        {
            if (attribute is not null)
            {
                editor.SetAttribute(element, attribute, value!);
            }
            else if (value is not null)
            {
                editor.SetText(element, value);
            }
        }

        return editor.Changed
            ? TextEdit.Changed(editor.Result(), attribute is not null ? new("set", $"{attribute}=\"{value}\" on {xpath}") : new("set", $"the text of {xpath}"))
            : TextEdit.Same(editor.Result(), attribute is not null ? $"{xpath} already has {attribute}=\"{value}\"" : value is not null ? $"{xpath} already has that text" : $"{xpath} exists");
    }
}
