using System.Xml;
using System.Xml.Schema;
using Json.Schema;

namespace Orchestrator.Testing.Compliance;

/// <summary>Validates reports against the documented JSON Schema and the Jenkins JUnit XSD.</summary>
public static class ReportValidation
{
    // JsonSchema.Net registers a schema by its $id globally; build it once.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "compliance-report.schema.json"))));

    public static void AssertValidJson(string json)
    {
        var schema = Schema.Value;
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
        Assert.True(result.IsValid, "JSON report does not match docs/compliance-report.schema.json:\n" + string.Join("\n", errors));
    }

    public static void AssertValidJunit(string path)
    {
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, Path.Combine(RepoPaths.Root, "tests", "Orchestrator.Testing", "Compliance", "jenkins-junit.xsd"));
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using (var reader = XmlReader.Create(path, settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.True(errors.Count == 0, "JUnit report does not validate against jenkins-junit.xsd:\n" + string.Join("\n", errors));
    }
}
