namespace Crossbar.Cli.Sweeps;

/// <summary>The standard plots of a finished sweep.</summary>
public static class SweepPlotting
{
    /// <summary>Draws the plots into <paramref name="dir"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string results, SweepPlan plan, string dir, TextWriter log)
    {
        log.WriteLine($"warning: --plots is not available in this build; plot {results} with crossbar plot");
        return [];
    }
}
