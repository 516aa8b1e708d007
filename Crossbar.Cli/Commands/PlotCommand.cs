using System.CommandLine;
using Crossbar.Cli.Options;
using Crossbar.Cli.Plots;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar plot results.csv --x col --y col [--series col] [--where col=value]... -o plot.png|svg</c>: draws one
/// column of a results table against another, rows sharing (x, series) (typically the seeds) aggregated into a
/// mean or median with a spread band (<see cref="AggregatePlot"/>). An unknown column or extension is a usage error
/// (exit 2); a graphics backend that cannot draw is exit 1.
/// </summary>
public static class PlotCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var results = new Argument<FileInfo>("results") { Description = "results CSV with a header row (e.g. a sweep's results.csv)" };
        var x = new Option<string>("--x") { HelpName = "col", Description = "column on the x axis (text values make a categorical axis)", Required = true };
        var y = new Option<string>("--y") { HelpName = "col", Description = "column on the y axis (numeric)", Required = true };
        var series = new Option<string?>("--series") { HelpName = "col", Description = "column whose values split the rows into lines" };
        var where = new Option<string[]>("--where") { HelpName = "col=value", Description = "keep only rows whose column equals the value (repeatable; all must hold)", AllowMultipleArgumentsPerToken = false };
        var logX = new Option<bool>("--log-x") { Description = "logarithmic x axis (rows with x ≤ 0 skipped, counted in a warning)" };
        var logY = new Option<bool>("--log-y") { Description = "logarithmic y axis (rows with y ≤ 0 skipped, counted in a warning)" };
        var agg = ChoiceOption.Create("--agg", "how rows sharing (x, series) are reduced", Aggregation.Mean, ("mean", Aggregation.Mean), ("median", Aggregation.Median));
        var band = ChoiceOption.Create("--band", "spread drawn around each point", SpreadBand.Std, ("std", SpreadBand.Std), ("minmax", SpreadBand.MinMax), ("none", SpreadBand.None));
        var includeFailed = new Option<bool>("--include-failed") { Description = "keep rows whose status column is not ok (left out by default)" };
        var title = new Option<string?>("--title") { HelpName = "text", Description = "plot title [default: '<y> vs <x>']" };
        var output = new Option<FileInfo>("--out", "-o") { HelpName = "file.png|svg", Description = "image to write; .png or .svg", Required = true };
        var command = new Command("plot", "plot one column of a results CSV against another, aggregated over repeated rows (seeds)")
        {
            results, x, y, series, where, logX, logY, agg, band, includeFailed, title, output,
        };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            string path = parse.GetValue(output)!.FullName;
            if (!PlotFile.IsSupported(path))
            {
                throw new UsageException($"--out {parse.GetValue(output)!.Name}: the extension must be .png or .svg.");
            }

            var spec = new AggregatePlotSpec
            {
                X = parse.GetValue(x)!,
                Y = parse.GetValue(y)!,
                Series = parse.GetValue(series),
                Where = [.. (parse.GetValue(where) ?? []).Select(ParseWhere)],
                LogX = parse.GetValue(logX),
                LogY = parse.GetValue(logY),
                Aggregation = agg.ValueIn(parse),
                Band = band.ValueIn(parse),
                IncludeFailed = parse.GetValue(includeFailed),
                Title = parse.GetValue(title),
            };
            var table = ResultsTable.Read(parse.GetValue(results)!.FullName);
            var data = AggregatePlot.Prepare(table, spec);
            foreach (string note in data.Notes)
            {
                Console.Error.WriteLine(note);
            }

            try
            {
                using var plot = AggregatePlot.Render(data, spec);
                PlotFile.Save(plot, path);
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or IOException or UnauthorizedAccessException))
            {
                // The graphics backend (SkiaSharp's native library) could not draw: not a usage error.
                Console.Error.WriteLine($"error: {path} not written ({ex.GetType().Name}: {UsageException.Plain(ex)})");
                return ExitCodes.SimulationFailure;
            }

            Console.Error.WriteLine($"wrote {path} ({data.Series.Count} series, {data.Series.Sum(s => s.Points.Count)} points)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Parses <c>col=value</c> (the value may be empty or contain '=').</summary>
    /// <param name="text">The option value.</param>
    /// <returns>Column and value.</returns>
    /// <exception cref="UsageException">No '=' or an empty column name.</exception>
    public static (string Column, string Value) ParseWhere(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0)
        {
            throw new UsageException($"--where: '{text}' must be col=value.");
        }

        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }
}
