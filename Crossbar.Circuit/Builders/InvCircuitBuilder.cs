using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Netlists;
using Crossbar.Devices.OpAmps;
using MathNet.Numerics.LinearAlgebra;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Builds the closed-loop INV circuit of Sun et al. (PNAS 2019), docs/design.md §2.2: row line i goes
/// to the inverting input of op-amp i (non-inverting input grounded), op-amp i's output drives
/// column line i, cell G_ij joins row i to column j, and input current I_i (or voltage u_i
/// through Gin) enters row i; then G·V = −I and the outputs are V = −G⁻¹I. Signed matrices use a
/// second array G⁻ on the same rows whose column j is driven by a unity-gain inverter (−V_j).
/// </summary>
public static class InvCircuitBuilder
{
    /// <summary>Builds the circuit for A·x = b. Throws <see cref="InvUnstableException"/> when the loop is unstable (unless forced).</summary>
    public static InvCircuit Build(double[,] matrix, double[] rhs, CrossbarBuildOptions options, CircuitAnalysis analysis)
    {
        ConductanceMapping mapping = ConductanceMapping.Program(matrix, options);
        return Build(mapping, rhs, options, analysis);
    }

    /// <summary>Builds the circuit on conductances that are already programmed.</summary>
    public static InvCircuit Build(ConductanceMapping mapping, double[] rhs, CrossbarBuildOptions options, CircuitAnalysis analysis)
    {
        int n = mapping.Positive.GetLength(0);
        if (mapping.Positive.GetLength(1) != n || rhs.Length != n)
        {
            throw new ArgumentException($"INV needs a square matrix and a matching right-hand side (got {n}x{mapping.Positive.GetLength(1)} and {rhs.Length})");
        }

        double gin = options.VoltageInputs ? options.InputConductance ?? options.Levels.MaxConductance : 0;

        var rowTotal = new double[n];
        var signed = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            rowTotal[i] = gin;
            for (int j = 0; j < n; j++)
            {
                double gp = mapping.Positive[i, j];
                double gm = mapping.Negative?[i, j] ?? 0;
                signed[i, j] = gp - gm;
                rowTotal[i] += gp + gm;
            }
        }

        OpAmpLoopModel? loop = options.OpAmp.Kind == OpAmpKind.SinglePole ? LoopModel(mapping, gin, options) : null;
        InvStability stability = InvStability.Analyze(signed, rowTotal, options.OpAmp, loop);
        if (!stability.IsStable && !options.Force)
        {
            throw new InvUnstableException(stability);
        }

        (double[] inputs, double vPerUnit) = Inputs(mapping, rhs, options);

        var netlist = new Netlist { Title = $"CrossbarSim INV {n}x{n} ({options.Cell}, {(mapping.IsDifferential ? "differential" : "single array")}, {options.OpAmp.Kind} op-amps)" };
        var rows = Enumerable.Range(0, n).Select(i => $"r{i}").ToArray();
        var columns = Enumerable.Range(0, n).Select(j => $"c{j}").ToArray();
        double rise = RiseTime(stability);
        var sources = new string[n];
        for (int i = 0; i < n; i++)
        {
            sources[i] = options.VoltageInputs ? $"Vin{i}" : $"Iin{i}";
            if (options.VoltageInputs)
            {
                string u = $"u{i}";
                netlist.Elements.Add(CrossbarNetlist.Step(sources[i], u, "0", inputs[i], rise));
                netlist.Elements.Add(new ElementCard($"Rin{i}", [u, rows[i]]) { Value = 1 / gin });
            }
            else
            {
                netlist.Elements.Add(CrossbarNetlist.Step(sources[i], "0", rows[i], inputs[i], rise));
            }

            OpAmpNetlist.Add(netlist, $"op{i}", "0", rows[i], columns[i], options.OpAmp);
        }

        CrossbarNetlist.AddArray(netlist, "xp", rows, columns, mapping.Positive, options);
        if (mapping.Negative is { } negative)
        {
            var inverted = Enumerable.Range(0, n).Select(j => $"cn{j}").ToArray();
            for (int j = 0; j < n; j++)
            {
                string input = $"ni{j}";
                netlist.Elements.Add(new ElementCard($"Rinv{j}a", [columns[j], input]) { Value = options.InverterResistance });
                netlist.Elements.Add(new ElementCard($"Rinv{j}b", [input, inverted[j]]) { Value = options.InverterResistance });
                OpAmpNetlist.Add(netlist, $"inv{j}", "0", input, inverted[j], options.OpAmp);
            }

            CrossbarNetlist.AddArray(netlist, "xn", rows, inverted, negative, options);
        }

        double stop = StopTimeFor(stability, options);
        CrossbarNetlist.AddAnalysis(netlist, analysis, stop, columns, options.TransientPoints);
        return new InvCircuit(netlist, mapping, (double[])rhs.Clone(), vPerUnit, columns, stability, stop)
        {
            InputSources = sources,
            InputValues = inputs,
            AdcBits = options.AdcBits,
            AdcFullScale = 1.25 * options.SignalVoltage,
        };
    }

    /// <summary>
    /// The input source values for a right-hand side b (row currents in A, or voltages in V with voltage inputs; DAC-quantised
    /// to <see cref="CrossbarBuildOptions.DacBits"/> over the largest of them) and
    /// the output voltage per unit of x, scaled so that the largest output is <see cref="CrossbarBuildOptions.SignalVoltage"/>
    /// (from the exact solution on the realised matrix). A circuit built for one b serves another when its sources
    /// are scaled to these values.
    /// </summary>
    /// <remarks>G0·Ã·V = −I ⇒ V = −Ã⁻¹·I/G0; with I = b·s: V = −x·s/G0. Voltage inputs: I = Gin·u, u = b·s/Gin.</remarks>
    /// <exception cref="ArgumentException">The realised matrix is singular.</exception>
    public static (double[] Values, double OutputVoltagePerUnit) Inputs(ConductanceMapping mapping, double[] rhs, CrossbarBuildOptions options)
    {
        // b = 0 has the answer x = 0: the circuit is scaled as for b = (1, …, 1) and driven with zero currents.
        bool zero = rhs.All(v => v == 0);
        DenseLu realized = DenseLu.Factor(mapping.Realized);
        double[] ideal = realized.ZeroColumn >= 0 ? [] : realized.Solve(zero ? [.. rhs.Select(_ => 1.0)] : rhs);
        double maxX = ideal.Length == 0 ? 0 : ideal.Max(Math.Abs);
        if (!(maxX > 0) || !double.IsFinite(maxX))
        {
            throw new ArgumentException("the realised matrix is singular: no INV circuit to build");
        }

        double vPerUnit = -options.SignalVoltage / maxX;
        double currentPerUnit = -vPerUnit * mapping.Unit;
        double gin = options.VoltageInputs ? options.InputConductance ?? options.Levels.MaxConductance : 1;
        var values = new double[rhs.Length];
        double full = rhs.Max(Math.Abs) * Math.Abs(currentPerUnit) / gin;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = full > 0 ? Quantizer.Apply(rhs[i] * currentPerUnit / gin, full, options.DacBits) : 0;
        }

        return (values, vPerUnit);
    }

    /// <summary>Number of dominant time constants a transient runs by default.</summary>
    public const double DefaultStopTimeConstants = 20;

    /// <summary>
    /// The small-signal loop of the circuit (<see cref="OpAmpLoopModel"/>): op-amp i from row i
    /// to column i, cells as realised (<see cref="CrossbarNetlist.SmallSignalConductance"/>), the
    /// input conductance Gin to (AC) ground for voltage inputs, and for signed matrices the
    /// inverters (two resistors R around op-amp j) and the negative array on their outputs.
    /// </summary>
    internal static OpAmpLoopModel LoopModel(ConductanceMapping mapping, double inputConductance, CrossbarBuildOptions options)
    {
        int n = mapping.Positive.GetLength(0);
        var loop = new OpAmpLoopModel();
        string[] rows = [.. Enumerable.Range(0, n).Select(i => $"r{i}")];
        string[] columns = [.. Enumerable.Range(0, n).Select(j => $"c{j}")];
        for (int i = 0; i < n; i++)
        {
            loop.AddOpAmp(columns[i], "0", rows[i]);
            if (inputConductance > 0)
            {
                loop.AddConductance(rows[i], "0", inputConductance);
            }

            for (int j = 0; j < n; j++)
            {
                loop.AddConductance(rows[i], columns[j], CrossbarNetlist.SmallSignalConductance(mapping.Positive[i, j], options));
            }
        }

        if (mapping.Negative is { } negative)
        {
            string[] inverted = [.. Enumerable.Range(0, n).Select(j => $"cn{j}")];
            for (int j = 0; j < n; j++)
            {
                loop.AddResistance(columns[j], $"ni{j}", options.InverterResistance);
                loop.AddResistance($"ni{j}", inverted[j], options.InverterResistance);
                loop.AddOpAmp(inverted[j], "0", $"ni{j}");
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    loop.AddConductance(rows[i], inverted[j], CrossbarNetlist.SmallSignalConductance(negative[i, j], options));
                }
            }
        }

        return loop;
    }

    /// <summary>
    /// Transient length: <see cref="CrossbarBuildOptions.StopTime"/> when given, else
    /// <see cref="DefaultStopTimeConstants"/> dominant time constants of the whole loop (τ is the
    /// envelope's for a complex pair; settling to 2⁻⁸ takes ≈5.5τ, and the window of
    /// <see cref="Engine.TimeConstantFit"/> runs from 10⁻³ to 10⁻⁶ of the step, ≈7τ to ≈14τ, plus a
    /// third of that for its lagged difference), or 1 µs without op-amp dynamics.
    /// </summary>
    internal static double StopTimeFor(InvStability stability, CrossbarBuildOptions options)
        => options.StopTime ?? (double.IsFinite(stability.TimeConstant) ? options.TransientTimeConstants * stability.TimeConstant : 1e-6);

    private static double RiseTime(InvStability stability)
        => double.IsFinite(stability.TimeConstant) ? Math.Min(1e-12, stability.TimeConstant / 1000) : 1e-12;
}
