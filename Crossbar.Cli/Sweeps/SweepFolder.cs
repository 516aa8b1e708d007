using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// A sweep's output folder: results.csv (appended as points finish), run.json (the sweep's definition and run
/// record), <c>complete</c> (written last: the folder is whole), <c>plots/</c>, <c>points/</c> (with
/// <c>--keep-points</c>) and <c>.work/</c> (points in flight). Unlike other commands' folders it is continued, not
/// replaced: only with <c>--resume</c> and only by the same sweep.
/// </summary>
public static class SweepFolder
{
    /// <summary>The results file.</summary>
    public const string Results = "results.csv";

    /// <summary>The run record with the sweep's definition under <c>sweep</c>.</summary>
    public const string Manifest = "run.json";

    /// <summary>The completion marker.</summary>
    public const string Complete = "complete";

    /// <summary>Folder of points in flight.</summary>
    public const string Work = ".work";

    /// <summary>Folder of kept point outputs.</summary>
    public const string Points = "points";

    /// <summary>Folder of plots.</summary>
    public const string Plots = "plots";

    private static readonly string[] OwnNames = [Results, Manifest, Complete, Work, Points, Plots, Results + ".sorting"];

    /// <summary>
    /// Checks <paramref name="dir"/> before any work and readies it: a new or empty folder is created; a folder holding
    /// a sweep is continued only with <paramref name="resume"/> and only when its definition equals
    /// <paramref name="definition"/>; anything else is refused. Points in flight of a killed run are removed.
    /// </summary>
    /// <returns>Whether the folder held a sweep already.</returns>
    /// <exception cref="UsageException">The folder cannot hold this sweep; the message says why and what to do.</exception>
    public static bool Prepare(string dir, JsonObject definition, bool resume)
    {
        if (File.Exists(dir))
        {
            throw new UsageException($"--out {dir} is a file; a sweep needs a folder.");
        }

        bool existing = false;
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            string[] foreign = [.. Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Where(n => !OwnNames.Contains(n) && !n!.StartsWith(Manifest + ".tmp", StringComparison.Ordinal)).Take(3)!];
            if (foreign.Length > 0)
            {
                throw new UsageException($"--out {dir} holds files a sweep does not write ({string.Join(", ", foreign)}); choose another folder.");
            }

            string manifest = Path.Combine(dir, Manifest);
            JsonObject? stored = File.Exists(manifest) ? ReadDefinition(manifest) : null;
            if (stored is null)
            {
                throw new UsageException($"--out {dir} holds sweep files but no run.json with the sweep's definition; choose another folder.");
            }

            if (!resume)
            {
                string state = File.Exists(Path.Combine(dir, Complete)) ? "complete" : "incomplete";
                throw new UsageException($"--out {dir} already holds a sweep ({state}); rerun with --resume to continue it (finished points are kept), or choose another folder.");
            }

            string? difference = Difference(stored, definition);
            if (difference is not null)
            {
                throw new UsageException($"--resume: {dir} holds a different sweep ({difference}); resume it with its own arguments, or choose another folder.");
            }

            existing = true;
        }

        try
        {
            Directory.CreateDirectory(dir);
            string work = Path.Combine(dir, Work);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {dir}: cannot write there ({UsageException.Plain(ex)}).");
        }

        return existing;
    }

    /// <summary>The <c>sweep</c> object of a run.json, or null when it has none.</summary>
    /// <exception cref="UsageException">The file is not JSON.</exception>
    public static JsonObject? ReadDefinition(string manifest)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(manifest))?["sweep"]?.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new UsageException($"{manifest}: not readable as JSON ({ex.Message}).");
        }
    }

    /// <summary>The first key in which two definitions differ (with both values), or null when they are equal.</summary>
    public static string? Difference(JsonObject stored, JsonObject current)
    {
        foreach (string key in stored.Select(p => p.Key).Union(current.Select(p => p.Key)))
        {
            string a = stored[key]?.ToJsonString() ?? "none";
            string b = current[key]?.ToJsonString() ?? "none";
            if (a != b)
            {
                return $"{key}: {a} there, {b} here";
            }
        }

        return null;
    }
}
