using System.Reflection;

namespace Crossbar.Cli.Output;

/// <summary>What the running binary was built from: its version and the git commit (embedded at build time by Crossbar.Cli.csproj).</summary>
public static class BuildInfo
{
    /// <summary>The crossbar version (assembly informational version).</summary>
    public static string Version =>
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BuildInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The git commit the binary was built from (<c>git rev-parse HEAD</c> at build time); "unknown" when git was not available.</summary>
    public static string Commit =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GitCommit" && !string.IsNullOrWhiteSpace(a.Value))?.Value
        ?? "unknown";
}
