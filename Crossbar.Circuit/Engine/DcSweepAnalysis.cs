using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>DC sweep of one source, or two nested (the first listed is the inner loop, as in SPICE).</summary>
internal static class DcSweepAnalysis
{
    public static ResultTable Run(Circuit circuit, DcAnalysisCard card, OutputSelection output, Action<ResultTable>? onTable = null)
    {
        var columns = card.Sweeps.Select(s => s.Source.ToLowerInvariant()).Concat(output.Names).ToList();
        var table = new ResultTable("dc", columns);
        onTable?.Invoke(table);
        LoadContext load = circuit.Load;
        load.Mode = AnalysisMode.Dc;
        var op = new OperatingPointSolver(circuit, null);
        AnalysisSize.Check(card, circuit.Options);

        ISweepableSource inner = FindSource(circuit, card.Sweeps[0], card);
        double[] innerValues = SweepValues(card.Sweeps[0], card);
        ISweepableSource? outer = card.Sweeps.Count > 1 ? FindSource(circuit, card.Sweeps[1], card) : null;
        double[] outerValues = card.Sweeps.Count > 1 ? SweepValues(card.Sweeps[1], card) : [double.NaN];

        bool first = true;
        try
        {
            foreach (double outerValue in outerValues)
            {
                if (outer is not null)
                {
                    outer.SweepValue = outerValue;
                }

                foreach (double innerValue in innerValues)
                {
                    inner.SweepValue = innerValue;
                    try
                    {
                        if (first)
                        {
                            op.Solve(polish: true);
                            first = false;
                        }
                        else
                        {
                            op.Continue(polish: true);
                        }
                    }
                    catch (SimulationException ex)
                    {
                        throw new SimulationException($"DC sweep at {card.Sweeps[0].Source} = {innerValue:G6}{(outer is null ? string.Empty : $", {card.Sweeps[1].Source} = {outerValue:G6}")}: {ex.Message}", ex);
                    }

                    var row = new double[columns.Count];
                    row[0] = innerValue;
                    int offset = 1;
                    if (outer is not null)
                    {
                        row[1] = outerValue;
                        offset = 2;
                    }

                    output.Fill(load.Solution, row.AsSpan(offset));
                    table.Add(row);
                }
            }
        }
        finally
        {
            inner.SweepValue = null;
            if (outer is not null)
            {
                outer.SweepValue = null;
            }
        }

        return table;
    }

    private static ISweepableSource FindSource(Circuit circuit, DcSweep sweep, DcAnalysisCard card)
    {
        CircuitElement? e = circuit.Elements.FirstOrDefault(x => x.Name.Equals(sweep.Source, StringComparison.OrdinalIgnoreCase));
        return e as ISweepableSource
            ?? throw new NetlistException(card.Location, $".dc: '{sweep.Source}' is not an independent voltage or current source of this circuit");
    }

    private static double[] SweepValues(DcSweep sweep, DcAnalysisCard card)
    {
        // Run checked the product of the sweeps against maxpoints: the count fits an array.
        long count = (long)AnalysisSize.SweepPoints(sweep, card);
        double start = sweep.Start.Value;
        double step = sweep.Step.Value;
        var values = new double[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = start + (i * step);
        }

        return values;
    }
}
