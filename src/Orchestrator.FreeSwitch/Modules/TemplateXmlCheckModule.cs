using System.Xml;
using Orchestrator.Engine.Modules;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>
/// <c>freeswitch_template_check</c>: renders templates on the controller with the task's variables and parses each
/// result as XML, so a template or a variable that breaks the XML stops the host before anything is uploaded
/// (the FreeSWITCH hosts need no XML tool). Errors name the template, line and column.
/// </summary>
internal sealed class TemplateXmlCheckModule : Module
{
    public override string Name => "freeswitch_template_check";

    public override bool NeedsConnection => false;

    public override ModuleArgumentSpec Arguments { get; } = new ModuleArgumentSpec { FreeForm = "src" }
        .Add("src", ArgumentType.List, required: true);

    public override Task<ModulePlan> PlanAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var checkedFiles = new List<object?>();
        foreach (var item in context.Arguments.GetList("src")!)
        {
            var name = Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var path = context.ResolveLocalPath(name, "templates");
            var text = context.RenderTemplateFile(path);
            if (text.Contains("{{", StringComparison.Ordinal))
            {
                return Task.FromResult(ModulePlan.Fail($"{path}: the rendered text still holds '{{{{' (a template expression inside a value?)"));
            }

            try
            {
                using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                while (reader.Read())
                {
                }
            }
            catch (XmlException ex)
            {
                return Task.FromResult(ModulePlan.Fail($"{path} rendered to malformed XML at rendered line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message.Split(" Line ", 2)[0]}"));
            }

            checkedFiles.Add(path);
        }

        return Task.FromResult(ModulePlan.NoChange(
            $"{checkedFiles.Count} template(s) render to well-formed XML",
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["checked"] = checkedFiles }));
    }
}
