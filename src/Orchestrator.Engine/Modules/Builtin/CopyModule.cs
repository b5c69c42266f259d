using System.Text;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary><c>copy</c>: writes literal <c>content</c>, or a controller file <c>src</c>, to the host.</summary>
internal sealed class CopyModule : FileContentModule
{
    public CopyModule()
    {
        var spec = CommonArguments(new ModuleArgumentSpec()
            .Add("src", ArgumentType.String)
            .Add("content", ArgumentType.String));
        spec.RequiredOneOf.Add(["src", "content"]);
        spec.MutuallyExclusive.Add(["src", "content"]);
        Arguments = spec;
    }

    public override string Name => "copy";

    public override ModuleArgumentSpec Arguments { get; }

    protected override string? NameInDirectory(ModuleContext context, string source) =>
        context.Arguments.GetString("src") is null ? null : Path.GetFileName(source);

    protected override (byte[] Content, string Source) Content(ModuleContext context)
    {
        if (context.Arguments.GetString("content") is { } content)
        {
            return (Encoding.UTF8.GetBytes(content), "(content)");
        }

        var src = context.ResolveLocalPath(context.Arguments.RequireString("src"), "files");
        try
        {
            return (context.ReadLocalFile(src), src);
        }
        catch (IOException ex)
        {
            throw new ModuleException(ex.Message, ex);
        }
    }
}
