namespace Orchestrator.Inventory.Python;

/// <summary>
/// Orders strings by Unicode code point, as Python's <c>sorted()</c> does. Ordinal UTF-16 order differs
/// only when a surrogate pair meets a character in U+E000..U+FFFF.
/// </summary>
internal sealed class PyStringComparer : IComparer<string>
{
    public static readonly PyStringComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var i = x.AsSpan().CommonPrefixLength(y);
        if (i == x.Length || i == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        var a = x[i];
        var b = y[i];
        return a >= 0xD800 && b >= 0xD800 ? Fix(a).CompareTo(Fix(b)) : a.CompareTo(b);
    }

    // Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code point order.
    private static int Fix(char c) => c is >= '\uD800' and <= '\uDFFF' ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;
}
