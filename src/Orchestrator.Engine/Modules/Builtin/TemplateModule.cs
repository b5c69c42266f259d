using System.Text;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>template</c>: renders a template file on the controller and writes it to the host.</summary>
internal sealed class TemplateModule : FileContentModule
{
    public override string Name => "template";

    public override ModuleArgumentSpec Arguments { get; } =
        CommonArguments(new ModuleArgumentSpec().Add("src", ArgumentType.String, required: true));

    protected override (byte[] Content, string Source) Content(ModuleContext context)
    {
        var src = context.ResolveLocalPath(context.Arguments.RequireString("src"), "templates");
        return (Encoding.UTF8.GetBytes(context.RenderTemplateFile(src)), src);
    }
}
