using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crossbar.Cli.Output;

/// <summary>
/// Writes run.json, the record of one run a researcher can reproduce it from: the command and its full command line,
/// the version and git commit of the binary, every parameter with its default filled in, the seed, start and end (ISO
/// 8601 UTC), wall time, cores and machine, and whatever the command adds (<c>extra</c>, e.g. hpinv's <c>results</c>).
/// It replaces the metadata.txt and parameters.txt of earlier versions.
/// </summary>
public static class RunJson
{
    /// <summary>The file name inside an output folder.</summary>
    public const string FileName = "run.json";

    /// <summary>Writes run.json atomically (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">File to write.</param>
    /// <param name="command">The command, such as <c>inv</c> or <c>crossbar inv</c> (recorded as <c>crossbar inv</c>).</param>
    /// <param name="parameters">Every parameter, defaults included, in order; values that read as integers, numbers or booleans are written as such, the rest as strings.</param>
    /// <param name="start">When the run started.</param>
    /// <param name="end">When it ended.</param>
    /// <param name="extra">Properties merged into the top level (they replace a standard property of the same name).</param>
    public static void Write(string path, string command, IEnumerable<KeyValuePair<string, string>> parameters, DateTimeOffset start, DateTimeOffset end, JsonObject? extra = null)
    {
        JsonObject root = Build(command, parameters, start, end, extra);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            root.WriteTo(writer);
        }

        string text = Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        AtomicFile.WriteAllText(path, text);
    }

    /// <summary>The content of run.json as a JSON object (see <see cref="Write"/>).</summary>
    /// <param name="command">The command.</param>
    /// <param name="parameters">Every parameter.</param>
    /// <param name="start">Start of the run.</param>
    /// <param name="end">End of the run.</param>
    /// <param name="extra">Properties merged into the top level.</param>
    /// <returns>The object.</returns>
    public static JsonObject Build(string command, IEnumerable<KeyValuePair<string, string>> parameters, DateTimeOffset start, DateTimeOffset end, JsonObject? extra = null)
    {
        var values = new JsonObject();
        foreach ((string key, string value) in parameters)
        {
            values[key] = Value(value);
        }

        var root = new JsonObject
        {
            ["command"] = command.StartsWith("crossbar", StringComparison.Ordinal) ? command : "crossbar " + command,
            ["command_line"] = new JsonArray([.. new[] { "crossbar" }.Concat(Invocation.Arguments).Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["version"] = BuildInfo.Version,
            ["commit"] = BuildInfo.Commit,
            ["parameters"] = values,
            ["seed"] = values["seed"]?.DeepClone(),
            ["start"] = Timestamp(start),
            ["end"] = Timestamp(end),
            ["wall_time_s"] = (end - start).TotalSeconds,
            ["cores"] = Environment.ProcessorCount,
            ["machine"] = new JsonObject
            {
                ["os"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["name"] = Environment.MachineName,
            },
        };
        if (extra is not null)
        {
            foreach ((string key, JsonNode? node) in extra)
            {
                root[key] = node?.DeepClone();
            }
        }

        return root;
    }

    /// <summary>A parameter value as JSON: an integer, a finite number, a boolean, or else the text.</summary>
    /// <param name="text">The value as recorded.</param>
    /// <returns>The JSON value.</returns>
    public static JsonNode Value(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>A finite number as JSON, null for NaN or ±∞ (which JSON cannot hold).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The JSON value or null.</returns>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
