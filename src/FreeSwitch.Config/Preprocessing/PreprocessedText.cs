using System.Text;

namespace FreeSwitch.Config.Preprocessing;

/// <summary>The pre-processor's output (FreeSWITCH writes it to <c>log/freeswitch.xml.fsxml</c>) with, for each output line, where it came from.</summary>
internal sealed class PreprocessedText
{
    private readonly StringBuilder _text = new();
    private readonly List<(string File, int Line, int ColumnOffset)> _origins = [];
    private bool _atLineStart = true;

    public string Text => _text.ToString();

    /// <summary>Characters written so far.</summary>
    public long Length => _text.Length;

    /// <summary>Frees the text; locations of what was already read stay valid.</summary>
    public void DropText() => _text.Clear().Capacity = 0;

    public void Write(ReadOnlySpan<char> piece, string file, int line, int sourceColumn)
    {
        if (piece.Length == 0)
        {
            return;
        }

        if (_atLineStart)
        {
            _origins.Add((file, line, sourceColumn));
            _atLineStart = false;
        }

        _text.Append(piece);
        var newlines = piece.Count('\n');
        for (var i = 1; i < newlines; i++)
        {
            _origins.Add((file, line, 0));
        }

        if (newlines > 0)
        {
            _atLineStart = piece[^1] == '\n';
            if (!_atLineStart)
            {
                _origins.Add((file, line, 0));
            }
        }
    }

    /// <summary>Maps a 1-based output line and column back to the file it was read from.</summary>
    public ConfigLocation Locate(int line, int column)
    {
        if (_origins.Count == 0)
        {
            return new ConfigLocation("(empty document)", 0, 0);
        }

        var index = Math.Clamp(line - 1, 0, _origins.Count - 1);
        var origin = _origins[index];
        return new ConfigLocation(origin.File, origin.Line, column > 0 ? column + origin.ColumnOffset : 0);
    }
}
