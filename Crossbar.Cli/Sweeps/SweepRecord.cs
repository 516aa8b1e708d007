using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Cli.Output;

namespace Crossbar.Cli.Sweeps;

/// <summary>run.json of a sweep or merge folder: the definition under <c>sweep</c>, start/end, machine, status counts.</summary>
public static class SweepRecord
{
    /// <summary>Writes the record atomically.</summary>
    public static void Write(string path, string command, JsonObject definition, DateTimeOffset start, DateTimeOffset? end, JsonObject? outcome)
    {
        var json = new JsonObject
        {
            ["command"] = "crossbar " + command,
            ["command_line"] = new JsonArray([.. Environment.GetCommandLineArgs().Select(a => (JsonNode)JsonValue.Create(a)!)]),
            ["version"] = MetadataWriter.Version,
            ["sweep"] = definition.DeepClone(),
            ["start"] = start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["end"] = end?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["cores"] = Environment.ProcessorCount,
            ["machine"] = Environment.MachineName,
            ["status_counts"] = outcome,
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
