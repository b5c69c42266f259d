using System.Globalization;
using System.Numerics;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Inventory.Output;

/// <summary>Writes plain data as block YAML with sorted keys, quoting strings that would otherwise read back as another type.</summary>
public static class InventoryYaml
{
    public static string Serialize(object? value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, value);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null:
                Plain(emitter, "null");
                break;
            case bool b:
                Plain(emitter, b ? "true" : "false");
                break;
            case string s:
                var plainOk = s.Length > 0 && YamlResolver.ResolvePlain(s) == YamlTags.Str && s.Trim() == s && s.IndexOfAny(['\n', '\r', '#', ':', '\'', '"', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`']) < 0;
                emitter.Emit(new Scalar(null, null, s, plainOk ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, true, true));
                break;
            case double d:
                Plain(emitter, double.IsNaN(d) ? ".nan" : double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf" : PyFloat.Repr(d));
                break;
            case long or int or BigInteger:
                Plain(emitter, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case IReadOnlyDictionary<string, object?> map:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var key in map.Keys.Order(PyStringComparer.Instance))
                {
                    Emit(emitter, key);
                    Emit(emitter, map[key]);
                }

                emitter.Emit(new MappingEnd());
                break;
            case System.Collections.IEnumerable list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                Emit(emitter, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, true, false));
}
