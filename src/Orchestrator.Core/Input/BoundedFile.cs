using System.Text;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Input;

/// <summary>Reads a user's file after checking it is a regular file no larger than <see cref="ReaderLimits.MaxFileBytes"/>.</summary>
public static class BoundedFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file should be, for the message ("an inventory file").</param>
    /// <exception cref="UserInputException">The path is missing, a directory, unreadable or too large.</exception>
    public static byte[] ReadAllBytes(string path, string what)
    {
        var (buffer, length) = Read(path, what);
        return length == buffer.Length ? buffer : buffer[..length];
    }

    /// <summary>The file as strict UTF-8 text, a UTF-8 byte order mark dropped.</summary>
    /// <inheritdoc cref="ReadAllBytes"/>
    /// <exception cref="UserInputException">The file is not valid UTF-8 (the line of the first bad byte).</exception>
    public static string ReadAllText(string path, string what)
    {
        var (buffer, length) = Read(path, what);
        return Decode(buffer.AsSpan(0, length), path);
    }

    /// <summary>
    /// The file's bytes in a buffer sized by the file (a playbook load reads hundreds of small files: a fixed
    /// 80 KB chunk per file was most of what it allocated), and how many of them were read.
    /// </summary>
    private static (byte[] Buffer, int Length) Read(string path, string what)
    {
        var location = new SourceLocation(path, 0, 0);
        if (Directory.Exists(path))
        {
            throw new UserInputException($"found a directory; expected {what}", location);
        }

        try
        {
            // bufferSize 0: we read into our own buffer, FileStream's would be one more copy.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            // Length is 0 for pipes and /proc files: read at most one byte past the limit either way.
            var expected = stream.CanSeek ? stream.Length : 0;
            if (expected > ReaderLimits.MaxFileBytes)
            {
                throw TooLarge(path, expected);
            }

            // One byte more than expected, so a file that grew while read is read whole, not cut.
            var buffer = new byte[expected > 0 ? expected + 1 : 4096];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, ReaderLimits.MaxFileBytes + 1));
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
                if (length > ReaderLimits.MaxFileBytes)
                {
                    throw TooLarge(path, length);
                }
            }
        }
        catch (FileNotFoundException)
        {
            throw new UserInputException($"found no file at this path; expected {what}", location);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UserInputException($"found no file at this path; expected {what}", location);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"found a file that cannot be read ({ex.Message}); expected {what}", location);
        }
    }

    /// <summary>Strict UTF-8, a byte order mark dropped; invalid bytes are an error at their line.</summary>
    public static string Decode(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Decode(bytes.AsSpan(), path);
    }

    private static string Decode(ReadOnlySpan<byte> span, string path)
    {
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[3..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + span[..Math.Min(ex.Index, span.Length)].Count((byte)'\n');
            throw new UserInputException("found bytes that are not valid UTF-8; expected a UTF-8 text file", new SourceLocation(path, line, 0));
        }
    }

    private static InputLimitException TooLarge(string path, long size) =>
        new(
            $"found a file of at least {size} bytes; expected a file no larger than {ReaderLimits.MaxFileBytes / (1024 * 1024)} MiB (the readers' size limit)",
            new SourceLocation(path, 0, 0));
}
