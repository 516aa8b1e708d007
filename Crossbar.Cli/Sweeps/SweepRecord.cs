using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Sweeps;

/// <summary>
/// run.json of a sweep or merge folder (<see cref="RunJson"/>'s record: command line, version, commit, times, machine)
/// with the sweep's definition under <c>sweep</c> (what <c>--resume</c> and <c>merge</c> compare) and, once finished,
/// the rows per status under <c>status_counts</c>; <c>end</c> is null while the sweep runs.
/// </summary>
public static class SweepRecord
{
    /// <summary>Writes the record atomically.</summary>
    /// <param name="path">The run.json path.</param>
    /// <param name="command">"sweep" or "merge".</param>
    /// <param name="definition">The sweep's definition.</param>
    /// <param name="jobs">Points run at once (not part of the definition: results do not depend on it); null for a merge.</param>
    /// <param name="start">Start of this run (of the last resume).</param>
    /// <param name="end">End, null while running.</param>
    /// <param name="counts">Rows per status, null while running.</param>
    public static void Write(string path, string command, JsonObject definition, int? jobs, DateTimeOffset start, DateTimeOffset? end, IReadOnlyDictionary<string, int>? counts)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("seeds", definition["seeds"]!.ToJsonString()),
            new("seed", definition["seed"]!.ToJsonString()),
            new("paired_seeds", definition["paired_seeds"]!.ToJsonString()),
            new("shard", definition["shard"]?.GetValue<string>() ?? string.Empty),
        };
        if (jobs is { } j)
        {
            parameters.Add(new("jobs", j.ToString(CultureInfo.InvariantCulture)));
        }

        JsonObject json = RunJson.Build(command, parameters, start, end ?? start, new JsonObject
        {
            ["sweep"] = definition.DeepClone(),
            ["status_counts"] = counts is null ? null : new JsonObject(counts.Select(c => new KeyValuePair<string, JsonNode?>(c.Key, c.Value))),
        });
        if (end is null)
        {
            json["end"] = null;
            json["wall_time_s"] = null;
        }

        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
