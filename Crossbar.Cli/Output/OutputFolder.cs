using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Output;

/// <summary>
/// Writes a command's <c>--out</c> folder as one unit. <see cref="Begin"/> checks the location (before any
/// simulation), removes temporaries that killed runs left beside it, and creates an empty staging directory
/// <c>&lt;out&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c> next to the folder (same file system); the command writes every
/// file there; <see cref="Commit"/> renames the previous folder aside to <c>&lt;out&gt;.old-&lt;pid&gt;-&lt;random&gt;</c>,
/// renames the staging directory in and deletes the previous folder. Disposing without a commit deletes the staging
/// directory, so a failed run leaves the previous results untouched.
/// </summary>
/// <remarks>
/// The folder therefore holds either the previous complete results or the new complete results. The one window is
/// between the two renames of <see cref="Commit"/> (two system calls): a kill there leaves no folder at <c>&lt;out&gt;</c>,
/// the previous results complete in <c>&lt;out&gt;.old-…</c>; the next command into <c>&lt;out&gt;</c> renames them back
/// before it starts. A folder that holds anything a crossbar command does not write (an input deck, a subfolder) is
/// refused rather than replaced.
/// </remarks>
public sealed partial class OutputFolder : IDisposable
{
    /// <summary>Age after which a temporary of a still-running process id is taken as stale (the id was reused).</summary>
    public static readonly TimeSpan StaleAge = TimeSpan.FromDays(1);

    private bool _done;

    private OutputFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The folder the results end up in (absolute, symbolic links resolved).</summary>
    public string Target { get; }

    /// <summary>The staging directory every file is written into before <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>The path of a file inside the staging directory.</summary>
    /// <param name="name">File name, such as <c>solution.csv</c>.</param>
    /// <returns>The staging path.</returns>
    public string File(string name) => Path.Combine(Staging, name);

    /// <summary>
    /// Checks <paramref name="dir"/> as an output folder, cleans temporaries of killed runs beside it and creates the
    /// staging directory.
    /// </summary>
    /// <param name="dir">The <c>--out</c> directory.</param>
    /// <param name="option">The option name used in messages.</param>
    /// <param name="ownFolders">Subfolders the command itself writes (the demo's per-step folders), accepted in an existing folder.</param>
    /// <returns>The open folder; dispose it (a commit first on success).</returns>
    /// <exception cref="UsageException">The location cannot hold the results: the message says why.</exception>
    public static OutputFolder Begin(string dir, string option = "--out", IReadOnlyCollection<string>? ownFolders = null)
    {
        string target = Resolve(dir, option);
        string parent = Path.GetDirectoryName(target)
            ?? throw new UsageException($"{option} {dir}: the root directory cannot be replaced; choose a folder below it.");
        string cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Environment.CurrentDirectory));
        if (string.Equals(cwd, target, StringComparison.Ordinal) || cwd.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UsageException($"{option} {dir} is the current directory or contains it; the folder is replaced as a whole, so choose a folder of its own (e.g. {option} results).");
        }

        for (string? ancestor = parent; ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (Directory.Exists(ancestor))
            {
                break;
            }

            if (System.IO.File.Exists(ancestor))
            {
                throw new UsageException($"{option} {dir}: {ancestor} is a file, not a directory.");
            }
        }

        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {dir}: cannot create its parent directory {parent} ({UsageException.Plain(ex)}).");
        }

        CleanStale(target);
        if (Directory.Exists(target))
        {
            CheckOwnContents(target, dir, option, ownFolders ?? []);
            ProbeWritable(target, dir, option);
        }

        string staging = $"{target}.tmp-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Random.Shared.Next(0, int.MaxValue).ToString("x8", CultureInfo.InvariantCulture)}";
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {dir}: cannot write in {parent} ({UsageException.Plain(ex)}).");
        }

        return new OutputFolder(target, staging);
    }

    /// <summary>Replaces the target folder by the staging directory (previous folder aside, new one in, previous deleted).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        string? aside = null;
        if (Directory.Exists(Target))
        {
            aside = $"{Target}.old-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Random.Shared.Next(0, int.MaxValue).ToString("x8", CultureInfo.InvariantCulture)}";
            Directory.Move(Target, aside);
        }

        // The window: between these two renames there is no folder at Target (see the remarks).
        try
        {
            Directory.Move(Staging, Target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (aside is not null && !Directory.Exists(Target))
            {
                Directory.Move(aside, Target);
            }

            throw;
        }

        _done = true;
        if (aside is not null)
        {
            TryDelete(aside);
        }
    }

    /// <summary>Deletes the staging directory when the run did not commit.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            TryDelete(Staging);
        }
    }

    /// <summary>Whether <paramref name="name"/> is a file a crossbar command writes into an output folder.</summary>
    /// <param name="name">File name.</param>
    /// <returns>True for result files (run.json; also the metadata.txt and parameters.txt of earlier versions, so their
    /// folders are replaced) and the per-file temporaries of earlier versions.</returns>
    public static bool IsOwnFile(string name) => OwnFile().IsMatch(name);

    /// <summary>
    /// Removes <c>&lt;out&gt;.tmp-…</c> and <c>&lt;out&gt;.old-…</c> directories of processes that are no longer running
    /// (or older than <see cref="StaleAge"/>); when <c>&lt;out&gt;</c> itself is missing, a previous folder left aside
    /// by a kill inside <see cref="Commit"/> is renamed back first.
    /// </summary>
    /// <param name="target">The absolute output folder.</param>
    /// <returns>The number of temporaries removed or restored.</returns>
    public static int CleanStale(string target)
    {
        string? parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent))
        {
            return 0;
        }

        var pattern = new Regex("^" + Regex.Escape(Path.GetFileName(target)) + @"\.(tmp|old)-(\d+)-[0-9a-f]{8}$", RegexOptions.CultureInvariant);
        int count = 0;
        var dead = new List<(string Path, string Kind, DateTime Time)>();
        foreach (string entry in Directory.EnumerateDirectories(parent))
        {
            Match m = pattern.Match(Path.GetFileName(entry));
            if (!m.Success || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            DateTime time = Directory.GetLastWriteTimeUtc(entry);
            if (!IsRunning(pid) || DateTime.UtcNow - time > StaleAge)
            {
                dead.Add((entry, m.Groups[1].Value, time));
            }
        }

        if (!Directory.Exists(target) && !System.IO.File.Exists(target))
        {
            var previous = dead.Where(d => d.Kind == "old").OrderByDescending(d => d.Time).FirstOrDefault();
            if (previous.Path is not null)
            {
                Directory.Move(previous.Path, target);
                dead.Remove(previous);
                count++;
            }
        }

        foreach (var d in dead)
        {
            if (TryDelete(d.Path))
            {
                count++;
            }
        }

        return count;
    }

    private static string Resolve(string dir, string option)
    {
        if (string.IsNullOrWhiteSpace(dir))
        {
            throw new UsageException($"{option}: no directory given.");
        }

        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        var info = new FileInfo(full);
        if (info.LinkTarget is { } link)
        {
            FileSystemInfo? final = info.ResolveLinkTarget(returnFinalTarget: true);
            // A FileInfo's target is itself a FileInfo, whose Exists is false for a directory.
            if (final is null || !(Directory.Exists(final.FullName) || System.IO.File.Exists(final.FullName)))
            {
                throw new UsageException($"{option} {dir} is a symbolic link to {link}, which does not exist; remove the link or create the directory.");
            }

            if (!Directory.Exists(final.FullName))
            {
                throw new UsageException($"{option} {dir} is a symbolic link to {final.FullName}, which is not a directory.");
            }

            full = Path.TrimEndingDirectorySeparator(final.FullName);
        }
        else if (info.Exists || (System.IO.File.Exists(full) && !Directory.Exists(full)))
        {
            throw new UsageException($"{option} {dir} exists and is not a directory; give a directory for the results.");
        }

        return full;
    }

    private static void CheckOwnContents(string target, string dir, string option, IReadOnlyCollection<string> ownFolders)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(target))
        {
            string name = Path.GetFileName(entry);
            if (Directory.Exists(entry) ? !ownFolders.Contains(name) : !IsOwnFile(name))
            {
                throw new UsageException($"{option} {dir} holds '{name}', which no crossbar command writes; the folder is replaced as a whole, so choose a new or empty folder (or move '{name}' out).");
            }
        }
    }

    private static void ProbeWritable(string target, string dir, string option)
    {
        string probe = Path.Combine(target, $".crossbar-write-test-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            using (System.IO.File.Create(probe))
            {
            }

            System.IO.File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {dir} is not writable ({UsageException.Plain(ex)}).");
        }
    }

    /// <summary>Whether a process with this id is running (this process counts as running).</summary>
    /// <param name="pid">Process id.</param>
    /// <returns>False when no such process exists or it has exited.</returns>
    internal static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: could not remove the temporary {path} ({UsageException.Plain(ex)})");
        }

        return false;
    }

    [GeneratedRegex(@"^((op|dc|tran|ac|noise)\d*\.csv|solution\.csv|summary\.csv|waveforms\.(csv|png)|(iterations|ber|tran\d*)\.png|run\.json|measures\.csv|.+\.raw|metadata\.txt|iterations\.csv|parameters\.txt|ber\.csv|cost\.csv|.+\.tmp\d*(\.png)?|\.crossbar-write-test-\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnFile();
}
