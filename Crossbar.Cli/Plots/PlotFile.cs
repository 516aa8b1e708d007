using System.Globalization;

namespace Crossbar.Cli.Plots;

/// <summary>
/// Saves a ScottPlot plot as PNG or SVG (chosen by the file extension) through a temporary sibling and a rename, so a
/// failure never leaves a partial image that looks complete.
/// </summary>
public static class PlotFile
{
    /// <summary>Default width of a saved plot, pixels (wide enough for a legend beside the data).</summary>
    public const int Width = 1000;

    /// <summary>Default height of a saved plot, pixels.</summary>
    public const int Height = 560;

    /// <summary>Whether the path ends in an extension a plot can be saved as (.png or .svg, any case).</summary>
    /// <param name="path">The output path.</param>
    /// <returns>True for .png and .svg.</returns>
    public static bool IsSupported(string path) => Extension(path) is ".png" or ".svg";

    /// <summary>Saves the plot; throws when the graphics backend fails or the extension is neither .png nor .svg.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="path">Destination, .png or .svg.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void Save(ScottPlot.Plot plot, string path, int width = Width, int height = Height)
    {
        string ext = Extension(path);
        if (ext is not (".png" or ".svg"))
        {
            throw new ArgumentException($"{path}: a plot is saved as .png or .svg, not '{ext}'.");
        }

        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        // <name>.tmp<pid>.png: the pattern OutputFolder recognises as a temporary of its own.
        string temp = full + ".tmp" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ext;
        try
        {
            if (ext == ".svg")
            {
                plot.SaveSvg(temp, width, height);
            }
            else
            {
                plot.SavePng(temp, width, height);
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

    /// <summary>
    /// Environment variable that turns the plots commands draw beside their CSV files off (value 1 or true): drawing the
    /// first plot of a process costs about 0.3 s (graphics library and fonts), which timing runs should not pay.
    /// </summary>
    public const string DisableVariable = "CROSSBAR_NO_PLOTS";

    /// <summary>Whether <see cref="DisableVariable"/>, or a sweep that discards the point's folder, turns the plots beside CSV files off.</summary>
    public static bool Disabled => Environment.GetEnvironmentVariable(DisableVariable)?.Trim().ToLowerInvariant() is "1" or "true" || !Commands.CommandContext.PlotsWanted;

    /// <summary>
    /// Builds and saves a plot, best effort: any failure (a missing native graphics library, a full disk) is a warning
    /// on stderr naming the file, never a failed command. Nothing is drawn when <see cref="Disabled"/>.
    /// </summary>
    /// <param name="path">Destination, .png or .svg.</param>
    /// <param name="build">Creates the plot.</param>
    /// <returns>True when the file was written.</returns>
    public static bool TrySave(string path, Func<ScottPlot.Plot> build)
    {
        if (Disabled)
        {
            return false;
        }

        try
        {
            using ScottPlot.Plot plot = build();
            Save(plot, path);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"warning: {Path.GetFileName(path)} not written ({ex.GetType().Name}: {Commands.UsageException.Plain(ex)})");
            return false;
        }
    }

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}
