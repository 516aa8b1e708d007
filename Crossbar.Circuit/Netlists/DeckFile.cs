using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Crossbar.Circuit.Netlists;

/// <summary>Reads a deck file's text as <see cref="File.ReadAllText(string)"/> does, in one pass over the bytes.</summary>
/// <remarks>
/// The encoding comes from a byte-order mark (UTF-32 LE/BE, UTF-8, UTF-16 LE/BE), UTF-8 without
/// one, invalid bytes becoming U+FFFD; the mark is not part of the text. Decoding the whole byte
/// array at once lets the runtime's vectorised ASCII path do the work (a 2.4 MB deck: about a
/// fifth of what the stream reader behind <see cref="File.ReadAllText(string)"/> takes).
/// Only regular files of at most <see cref="MaxBytes"/> are read: a device such as <c>/dev/zero</c>
/// would be read without end and a FIFO would block the reader forever. On Linux the file type
/// comes from <c>statx</c>; elsewhere a file whose size is 0 (what a device or FIFO reports) is
/// read as empty without being opened.
/// </remarks>
internal static partial class DeckFile
{
    /// <summary>Largest deck or include file in bytes: 256 MiB.</summary>
    public const long MaxBytes = 256L << 20;

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;

    /// <summary>The text of the file.</summary>
    /// <exception cref="IOException">The file is not a regular file or is larger than <see cref="MaxBytes"/>.</exception>
    public static string ReadAllText(string path) => ReadAllText(path, MaxBytes);

    /// <summary>The text of the file, refusing files larger than <paramref name="maxBytes"/>.</summary>
    internal static string ReadAllText(string path, long maxBytes)
    {
        if (!(OperatingSystem.IsLinux() && TryCheckRegularFile(path)) && new FileInfo(path) is { Exists: true, Length: 0 })
        {
            return string.Empty;
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            long length = stream.Length;
            if (length > maxBytes)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the file is {length} bytes, more than the limit of {Describe(maxBytes)} on a deck or .include file"));
            }

            bytes = new byte[length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = stream.Read(bytes, read, bytes.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read < bytes.Length)
            {
                Array.Resize(ref bytes, read);
            }
        }

        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false).GetString(b[4..]);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(b[4..]);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(b[3..]);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(b[2..]);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(b[2..]);
        }

        return Encoding.UTF8.GetString(b);
    }

    private static string Describe(long bytes) => bytes >= 1 << 20 && bytes % (1 << 20) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    /// <summary>
    /// Throws when <c>statx</c> says the path is something other than a regular file or a directory (which opening
    /// reports); false when <c>statx</c> is not available (a C library without it).
    /// </summary>
    private static unsafe bool TryCheckRegularFile(string path)
    {
        byte* buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0)
            {
                return true; // missing or unreadable: opening the file reports it
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }

        int type = *(ushort*)(buffer + StatxModeOffset) & 0xF000;
        string? kind = type switch
        {
            0x8000 or 0x4000 => null,
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a plain file",
        };
        if (kind is not null)
        {
            throw new IOException($"not a regular file ({kind}): a deck or .include file must be a regular file");
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
