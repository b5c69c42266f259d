using System.Globalization;
using System.Text;
using Orchestrator.Engine.Templating.Lookups;
using static Orchestrator.Engine.Templating.FunctionArguments;

namespace Orchestrator.Engine.Templating;

/// <summary>Filters that convert values and data formats (default, int, bool, to_json, b64encode, ...), and lookup()/query() (see <see cref="LookupPlugins"/>).</summary>
internal static class ConversionFunctions
{
    public static void Register(TemplateFunctionSet set)
    {
        set.Filter("default", 1, 3, a => a[0] is UndefinedValue || (a.Length > 2 && Bool(a[2]) && !PlainData.IsTruthy(a[0])) ? (a.Length > 1 ? a[1] : string.Empty) : a[0], lenient: true);
        set.FilterAlias("d", "default");
        set.Filter("mandatory", 1, 2, a => a[0] is UndefinedValue u ? throw new TemplateEvaluationException(a.Length > 1 ? Text(a[1]) : $"mandatory variable '{u.Name}' is not defined") : a[0], lenient: true);
        set.Filter("int", 1, 2, a => ToInt(a[0], a.Length > 1 ? a[1] : 0L));
        set.Filter("to_int", 1, 2, a => ToInt(a[0], a.Length > 1 ? a[1] : 0L));
        set.Filter("float", 1, 2, a => ToFloat(a[0], a.Length > 1 ? a[1] : 0.0));
        set.Filter("string", 1, 1, a => Text(a[0]));
        set.Filter("bool", 1, 1, a => AnsibleBool(a[0]));
        set.Filter("to_json", 1, 1, a => PlainData.ToJson(a[0]));
        set.Filter("to_nice_json", 1, 1, a => System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(PlainData.ToJson(a[0])).RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        set.Filter("from_json", 1, 1, a => FromJson(Text(a[0])));
        set.Filter("b64encode", 1, 1, a => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(a[0]))));
        set.Filter("b64decode", 1, 1, a => Encoding.UTF8.GetString(Convert.FromBase64String(Text(a[0]))));
        set.Filter("abs", 1, 1, a => a[0] is double d ? Math.Abs(d) : Math.Abs(ToInt(a[0], 0L) is long l ? l : 0));
        set.Filter("round", 1, 2, a => Math.Round(Convert.ToDouble(ToFloat(a[0], 0.0), CultureInfo.InvariantCulture), a.Length > 1 ? (int)(long)ToInt(a[1], 0L)! : 0, MidpointRounding.AwayFromZero));
        set.Filter("ternary", 3, 4, a => a[0] is null && a.Length > 3 ? a[3] : PlainData.IsTruthy(a[0]) ? a[1] : a[2]);
        set.Filter("type_debug", 1, 1, a => PlainData.TypeName(PlainData.Normalize(a[0])));

        set.Global(JinjaTranslator.KeywordArgumentFunction, 2, 2, a => new KeywordArgument(Text(a[0]), a[1]));
        set.ContextGlobal("lookup", 1, 32, (c, a) => LookupPlugins.Call(a, LookupScope(c), query: false));
        set.ContextGlobal("query", 1, 32, (c, a) => LookupPlugins.Call(a, LookupScope(c), query: true));
        set.ContextGlobal("q", 1, 32, (c, a) => LookupPlugins.Call(a, LookupScope(c), query: true));
    }

    private static bool AnsibleBool(object? v) => v switch
    {
        bool b => b,
        long or int or double => Convert.ToDouble(v, CultureInfo.InvariantCulture) == 1,
        string s => s.Trim().ToLowerInvariant() is "yes" or "on" or "1" or "true" or "y" or "t",
        _ => false,
    };

    private static object? FromJson(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return FromJsonElement(doc.RootElement);
    }

    private static object? FromJsonElement(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJsonElement(p.Value), StringComparer.Ordinal),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().Select(FromJsonElement).ToList(),
        System.Text.Json.JsonValueKind.String => e.GetString(),
        System.Text.Json.JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };

    private static ILookupScope LookupScope(Scriban.TemplateContext? context) =>
        context as ILookupScope ?? throw new TemplateEvaluationException("lookup() and query() need a template's variables");
}
