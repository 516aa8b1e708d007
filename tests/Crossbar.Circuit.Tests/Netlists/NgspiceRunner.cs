using NUnit.Framework;
using System.Diagnostics;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>Finds ngspice on PATH and runs a deck through it in batch mode.</summary>
internal static class NgspiceRunner
{
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "ngspice.exe" : "ngspice");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs <c>ngspice -b -r out.raw deck.cir</c> in a fresh temp folder; returns exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string executable, string deck)
    {
        var directory = Directory.CreateTempSubdirectory("crossbar-ngspice-");
        try
        {
            var deckPath = Path.Combine(directory.FullName, "deck.cir");
            File.WriteAllText(deckPath, deck);
            var info = new ProcessStartInfo(executable)
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("-b");
            info.ArgumentList.Add("-r");
            info.ArgumentList.Add("out.raw");
            info.ArgumentList.Add("deck.cir");
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "ngspice timed out after 120 s");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
