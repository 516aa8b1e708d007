namespace Crossbar.Cli.Sweeps;

/// <summary>How to start this crossbar again from a script: the native executable, or <c>dotnet crossbar.dll</c>.</summary>
public static class SelfCommand
{
    /// <summary>The words that start crossbar (absolute paths).</summary>
    public static IReadOnlyList<string> Words()
    {
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "crossbar")
        {
            return [process];
        }

        // Not Assembly.Location (empty in a native or single-file build, which returns above anyway).
        string dll = Path.Combine(AppContext.BaseDirectory, "crossbar.dll");
        string dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return [dotnet, dll];
    }
}
