using System.Numerics;
using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Small-signal AC analysis: the circuit linearised at its DC operating point, solved with the
/// complex sparse LU at each frequency of a <c>.ac dec|oct|lin</c> grid. Columns: <c>frequency</c>,
/// then magnitude <c>vm(x)</c> and phase in degrees <c>vp(x)</c> of every saved vector.
/// </summary>
internal static class AcAnalysis
{
    public static ResultTable Run(Circuit circuit, AcAnalysisCard card, OutputSelection output, Action<ResultTable>? onTable = null)
    {
        AnalysisSize.Check(card, circuit.Options);
        double[] frequencies = Frequencies(card);
        var columns = new List<string> { "frequency" };
        foreach (string name in output.Names)
        {
            // v(out) → vm(out), vp(out); i(v1) → im(v1), ip(v1), as ngspice names magnitude and phase.
            columns.Add($"{name[0]}m{name[1..]}");
            columns.Add($"{name[0]}p{name[1..]}");
        }

        var table = new ResultTable("ac", columns);
        onTable?.Invoke(table);
        LoadContext load = circuit.Load;
        load.Mode = AnalysisMode.Dc;
        load.Time = 0;
        new OperatingPointSolver(circuit, ".ac operating point").Solve(polish: true);

        int n = circuit.Size;
        var ac = new AcLoadContext(n, circuit.Pattern.Count, (double[])load.Solution.Clone());
        var solver = new ComplexSparseLuSolver(circuit.Pattern, circuit.Options.Pivoting);
        var x = new Complex[n + 1];
        foreach (double f in frequencies)
        {
            ac.Clear();
            ac.Omega = 2 * Math.PI * f;
            foreach (CircuitElement e in circuit.Elements)
            {
                e.LoadAc(ac);
            }

            ac.Matrix[0] = 0;
            try
            {
                solver.Factor(ac.Matrix);
            }
            catch (SingularMatrixException ex)
            {
                throw new SimulationException($"AC analysis at {f:G6} Hz: singular matrix at {circuit.Unknowns.Describe(ex.Unknown)}", ex);
            }

            Array.Copy(ac.Rhs, x, n);
            x[n] = 0;
            solver.Solve(x.AsSpan(0, n));
            var result = new double[columns.Count];
            result[0] = f;
            for (int k = 0; k < output.Count; k++)
            {
                Complex v = output.FillComplex(x, k);
                result[1 + (2 * k)] = v.Magnitude;
                result[2 + (2 * k)] = v.Phase * 180 / Math.PI;
            }

            table.Add(result);
        }

        return table;
    }

    private static double[] Frequencies(AcAnalysisCard card)
    {
        double start = card.StartFrequency.Value;
        double stop = card.StopFrequency.Value;
        if (!(start > 0) || !(stop >= start) || card.Points < 1)
        {
            throw new NetlistException(card.Location, $".ac: need points ≥ 1 and 0 < fstart ≤ fstop (got {card.Points}, {start}, {stop})");
        }

        var list = new List<double>();
        switch (card.Kind)
        {
            case AcSweepKind.Linear:
                if (card.Points == 1)
                {
                    list.Add(start);
                    break;
                }

                for (int k = 0; k < card.Points; k++)
                {
                    list.Add(start + ((stop - start) * k / (card.Points - 1)));
                }

                break;
            default:
            {
                double ratio = Math.Pow(card.Kind == AcSweepKind.Decade ? 10 : 2, 1.0 / card.Points);
                for (double f = start; f <= stop * (1 + 1e-9); f *= ratio)
                {
                    list.Add(f);
                    if (list.Count > 1_000_000)
                    {
                        throw new NetlistException(card.Location, ".ac: too many frequency points");
                    }
                }

                break;
            }
        }

        return [.. list];
    }
}
