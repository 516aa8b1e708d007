using System.Reflection;

namespace Crossbar.Cli.Output;

/// <summary>Writes metadata.txt: one <c>key = value</c> line each for the command, the version and every parameter (seed first).</summary>
public static class MetadataWriter
{
    /// <summary>The crossbar version (assembly informational version).</summary>
    public static string Version =>
        typeof(MetadataWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MetadataWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Writes the sidecar.</summary>
    public static void Write(string path, string command, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        AtomicFile.Write(path, writer =>
        {
            writer.Write("# CrossbarSim run parameters\n");
            writer.Write($"command = crossbar {command}\n");
            writer.Write($"version = {Version}\n");
            foreach ((string key, string value) in parameters)
            {
                writer.Write($"{key} = {value}\n");
            }
        });
    }
}
