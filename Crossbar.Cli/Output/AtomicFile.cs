namespace Crossbar.Cli.Output;

/// <summary>Writes a file through a temporary sibling and a rename, so a failure never leaves a partial file that looks complete.</summary>
public static class AtomicFile
{
    /// <summary>Writes text atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, writer => writer.Write(text));

    /// <summary>Writes through a text writer atomically.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        RemoveStaleTemporaries(full);
        string temp = full + ".tmp" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
            {
                write(writer);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Removes <c>&lt;path&gt;.tmp&lt;pid&gt;</c> files that killed writers (processes no longer running) left beside <paramref name="path"/>.</summary>
    /// <param name="path">The absolute path of the file to be written.</param>
    /// <returns>The number of files removed.</returns>
    public static int RemoveStaleTemporaries(string path)
    {
        string? dir = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
        {
            return 0;
        }

        int count = 0;
        string prefix = Path.GetFileName(path) + ".tmp";
        foreach (string file in Directory.EnumerateFiles(dir, prefix + "*"))
        {
            string suffix = Path.GetFileName(file)[prefix.Length..];
            if (int.TryParse(suffix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) && !OutputFolder.IsRunning(pid))
            {
                try
                {
                    File.Delete(file);
                    count++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"warning: could not remove the temporary {file} ({Commands.UsageException.Plain(ex)})");
                }
            }
        }

        return count;
    }
}
