using Crossbar.Circuit.Netlists;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Builds the generalised-inverse (least-squares) circuit of Sun et al., Sci. Adv. 2020
/// (docs/design.md §2.3): two copies of X (N×M, N &gt; M). Amplifier j's output v_j drives column j of
/// the first copy; its rows sit at the virtual grounds of N transimpedance amplifiers, which
/// also take the input currents I; the TIA outputs u drive the rows of the second copy, whose
/// column j feeds amplifier j. At steady state Xᵀ·u = 0 with u = −(G0·X·v + I)/Gf, so
/// v = −(XᵀX)⁻¹XᵀI/G0.
/// </summary>
/// <remarks>
/// The loop must hold an odd number of inversions or it latches. The TIAs invert once, so the
/// amplifiers take the second copy's columns on their non-inverting inputs; the builder counts
/// the inversions around the loop and refuses an even count.
/// </remarks>
public static class GinvCircuitBuilder
{
    /// <summary>Builds the circuit solving min‖X·x − b‖ (X is N×M with N &gt; M; b has N entries).</summary>
    public static InvCircuit Build(double[,] x, double[] rhs, CrossbarBuildOptions options, CircuitAnalysis analysis)
    {
        int n = x.GetLength(0);
        int m = x.GetLength(1);
        if (n <= m || rhs.Length != n)
        {
            throw new ArgumentException($"GINV needs a tall matrix (N > M) and N right-hand-side entries (got {n}x{m} and {rhs.Length})");
        }

        ConductanceMapping mapping = ConductanceMapping.Program(x, options);
        double g0 = mapping.Unit;
        var realized = Matrix<double>.Build.DenseOfArray(mapping.Realized);
        double[] ideal = realized.Solve(Vector<double>.Build.DenseOfArray(rhs)).ToArray();
        double maxX = ideal.Max(Math.Abs);
        if (!(maxX > 0) || !double.IsFinite(maxX))
        {
            throw new ArgumentException("the realised matrix is rank deficient or the right-hand side is orthogonal to its range");
        }

        double vPerUnit = -options.SignalVoltage / maxX;
        double currentPerUnit = -vPerUnit * g0;

        // Feedback conductance of the TIAs: the largest row total of the first copy.
        double gf = 0;
        var columnTotal = new double[m];
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < m; j++)
            {
                double total = mapping.Positive[i, j] + (mapping.Negative?[i, j] ?? 0);
                row += total;
                columnTotal[j] += total;
            }

            gf = Math.Max(gf, row);
        }

        const int tiaInversions = 1;
        const int amplifierInversions = 0;
        if ((tiaInversions + amplifierInversions) % 2 == 0)
        {
            throw new InvalidOperationException("GINV loop has an even number of inversions: it would latch");
        }

        var netlist = new Netlist { Title = $"CrossbarSim GINV {n}x{m} ({options.Cell}, {options.OpAmp.Kind} op-amps)" };
        var rows1 = Enumerable.Range(0, n).Select(i => $"r{i}").ToArray();
        var tiaOut = Enumerable.Range(0, n).Select(i => $"u{i}").ToArray();
        var outputs = Enumerable.Range(0, m).Select(j => $"v{j}").ToArray();
        var sums = Enumerable.Range(0, m).Select(j => $"s{j}").ToArray();
        for (int i = 0; i < n; i++)
        {
            netlist.Elements.Add(CrossbarNetlist.Step($"Iin{i}", "0", rows1[i], rhs[i] * currentPerUnit, 1e-12));
            netlist.Elements.Add(new ElementCard($"Rf{i}", [rows1[i], tiaOut[i]]) { Value = 1 / gf });
            OpAmpNetlist.Add(netlist, $"tia{i}", "0", rows1[i], tiaOut[i], options.OpAmp);
        }

        for (int j = 0; j < m; j++)
        {
            // Non-inverting input on the sum node: with the TIA's inversion the loop inverts once.
            OpAmpNetlist.Add(netlist, $"amp{j}", sums[j], "0", outputs[j], options.OpAmp);
        }

        CrossbarNetlist.AddArray(netlist, "xa", rows1, outputs, mapping.Positive, options);
        CrossbarNetlist.AddArray(netlist, "xb", tiaOut, sums, mapping.Positive, options);
        if (mapping.Negative is { } negative)
        {
            string[] negatedOutputs = AddInverters(netlist, "iv", outputs, options);
            string[] negatedTia = AddInverters(netlist, "iu", tiaOut, options);
            CrossbarNetlist.AddArray(netlist, "xan", rows1, negatedOutputs, negative, options);
            CrossbarNetlist.AddArray(netlist, "xbn", negatedTia, sums, negative, options);
        }

        // Loop matrix for the stability report: XᵀX·G0²/Gf on the amplifiers' sum nodes, D = column totals.
        Matrix<double> gram = realized.TransposeThisAndMultiply(realized) * (g0 * g0 / gf);
        OpAmpLoopModel? loop = options.OpAmp.Kind == Devices.OpAmps.OpAmpKind.SinglePole ? LoopModel(mapping, gf, options) : null;
        InvStability stability = InvStability.Analyze(gram.ToArray(), columnTotal, options.OpAmp, loop);
        double stop = InvCircuitBuilder.StopTimeFor(stability, options);
        CrossbarNetlist.AddAnalysis(netlist, analysis, stop, outputs, options.TransientPoints);
        return new InvCircuit(netlist, mapping, (double[])rhs.Clone(), vPerUnit, outputs, stability, stop)
        {
            AdcBits = options.AdcBits,
            AdcFullScale = 1.25 * options.SignalVoltage,
        };
    }

    /// <summary>
    /// The small-signal loop (<see cref="OpAmpLoopModel"/>): TIA i from row i of the first copy
    /// (feedback Gf) to u_i, amplifier j from the sum node s_j (+) to v_j, the first copy's cells
    /// from row i to v_j, the second copy's from u_i to s_j, and for signed matrices the inverters
    /// on v and u with the negative arrays on their outputs; cells as realised.
    /// </summary>
    private static OpAmpLoopModel LoopModel(ConductanceMapping mapping, double gf, CrossbarBuildOptions options)
    {
        int n = mapping.Positive.GetLength(0);
        int m = mapping.Positive.GetLength(1);
        var loop = new OpAmpLoopModel();
        for (int i = 0; i < n; i++)
        {
            loop.AddOpAmp($"u{i}", "0", $"r{i}");
            loop.AddConductance($"r{i}", $"u{i}", gf);
        }

        for (int j = 0; j < m; j++)
        {
            loop.AddOpAmp($"v{j}", $"s{j}", "0");
        }

        AddLoopArray(loop, mapping.Positive, i => $"r{i}", j => $"v{j}", options);
        AddLoopArray(loop, mapping.Positive, i => $"u{i}", j => $"s{j}", options);
        if (mapping.Negative is { } negative)
        {
            AddLoopInverters(loop, "iv", m, j => $"v{j}", options);
            AddLoopInverters(loop, "iu", n, i => $"u{i}", options);
            AddLoopArray(loop, negative, i => $"r{i}", j => $"ivo{j}", options);
            AddLoopArray(loop, negative, i => $"iuo{i}", j => $"s{j}", options);
        }

        return loop;
    }

    private static void AddLoopArray(OpAmpLoopModel loop, double[,] g, Func<int, string> row, Func<int, string> column, CrossbarBuildOptions options)
    {
        for (int i = 0; i < g.GetLength(0); i++)
        {
            for (int j = 0; j < g.GetLength(1); j++)
            {
                loop.AddConductance(row(i), column(j), CrossbarNetlist.SmallSignalConductance(g[i, j], options));
            }
        }
    }

    private static void AddLoopInverters(OpAmpLoopModel loop, string prefix, int count, Func<int, string> input, CrossbarBuildOptions options)
    {
        for (int k = 0; k < count; k++)
        {
            loop.AddResistance(input(k), $"{prefix}n{k}", options.InverterResistance);
            loop.AddResistance($"{prefix}n{k}", $"{prefix}o{k}", options.InverterResistance);
            loop.AddOpAmp($"{prefix}o{k}", "0", $"{prefix}n{k}");
        }
    }

    private static string[] AddInverters(Netlist netlist, string prefix, string[] inputs, CrossbarBuildOptions options)
    {
        var outputs = new string[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            string node = $"{prefix}n{k}";
            outputs[k] = $"{prefix}o{k}";
            netlist.Elements.Add(new ElementCard($"R{prefix}{k}a", [inputs[k], node]) { Value = options.InverterResistance });
            netlist.Elements.Add(new ElementCard($"R{prefix}{k}b", [node, outputs[k]]) { Value = options.InverterResistance });
            OpAmpNetlist.Add(netlist, $"{prefix}{k}", "0", node, outputs[k], options.OpAmp);
        }

        return outputs;
    }
}
