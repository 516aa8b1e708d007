using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Builds the open-loop MVM circuit of docs/design.md §2.1: column line j is driven by a voltage V_j
/// (ideal or DAC-quantised source), row line i sits at the virtual ground of a transimpedance
/// amplifier with feedback conductance Gf, so o_i = −(1/Gf)·Σ_j G_ij·V_j. Signed matrices add a
/// second array on the same rows driven by −V_j. Outputs can be ADC-quantised.
/// </summary>
public static class MvmCircuitBuilder
{
    /// <summary>Builds the circuit for y = A·x (A is M×N, x has N entries).</summary>
    public static MvmCircuit Build(double[,] matrix, double[] input, CrossbarBuildOptions options, CircuitAnalysis analysis)
    {
        ConductanceMapping mapping = ConductanceMapping.Program(matrix, options);
        return Build(mapping, input, options, analysis);
    }

    /// <summary>Builds the circuit on conductances that are already programmed.</summary>
    /// <param name="mapping">The conductances.</param>
    /// <param name="input">x in matrix units.</param>
    /// <param name="options">Hardware.</param>
    /// <param name="analysis">Operating point or transient.</param>
    /// <param name="feedbackConductance">Gf of the TIAs (default: the largest total row conductance of
    /// <paramref name="mapping"/>); a circuit rebuilt for one noisy read of an array keeps the Gf it was built with.</param>
    public static MvmCircuit Build(ConductanceMapping mapping, double[] input, CrossbarBuildOptions options, CircuitAnalysis analysis, double? feedbackConductance = null)
    {
        int m = mapping.Positive.GetLength(0);
        int n = mapping.Positive.GetLength(1);
        if (input.Length != n)
        {
            throw new ArgumentException($"MVM input has {input.Length} entries, the matrix {n} columns");
        }

        double vRead = options.SignalVoltage;
        double gf = feedbackConductance ?? LargestRowConductance(mapping);
        (double[] drive, double[] applied, double perUnit) = Inputs(mapping, input, options, gf);

        var netlist = new Netlist { Title = $"CrossbarSim MVM {m}x{n} ({options.Cell}, {(mapping.IsDifferential ? "differential" : "single array")}, {options.OpAmp.Kind} op-amps)" };
        var rows = Enumerable.Range(0, m).Select(i => $"r{i}").ToArray();
        var columns = Enumerable.Range(0, n).Select(j => $"c{j}").ToArray();
        var outputs = Enumerable.Range(0, m).Select(i => $"o{i}").ToArray();
        const double rise = 1e-12;
        var sources = new List<string>();
        var values = new List<double>();
        for (int j = 0; j < n; j++)
        {
            netlist.Elements.Add(CrossbarNetlist.Step($"Vc{j}", columns[j], "0", drive[j], rise));
            sources.Add($"Vc{j}");
            values.Add(drive[j]);
        }

        for (int i = 0; i < m; i++)
        {
            netlist.Elements.Add(new ElementCard($"Rf{i}", [rows[i], outputs[i]]) { Value = 1 / gf });
            OpAmpNetlist.Add(netlist, $"tia{i}", "0", rows[i], outputs[i], options.OpAmp);
        }

        CrossbarNetlist.AddArray(netlist, "xp", rows, columns, mapping.Positive, options);
        if (mapping.Negative is { } negative)
        {
            var inverted = Enumerable.Range(0, n).Select(j => $"cn{j}").ToArray();
            for (int j = 0; j < n; j++)
            {
                netlist.Elements.Add(CrossbarNetlist.Step($"Vcn{j}", inverted[j], "0", -drive[j], rise));
                sources.Add($"Vcn{j}");
                values.Add(-drive[j]);
            }

            CrossbarNetlist.AddArray(netlist, "xn", rows, inverted, negative, options);
        }

        // The window is TransientTimeConstants of the slowest TIA's τ.
        double noiseGain = 1 + (LargestRowConductance(mapping) / gf);
        double stop = options.StopTime ?? (options.OpAmp.Kind == Devices.OpAmps.OpAmpKind.SinglePole ? options.TransientTimeConstants * TimeConstant(noiseGain, options.OpAmp.GainBandwidth) : 1e-6);
        CrossbarNetlist.AddAnalysis(netlist, analysis, stop, outputs, options.TransientPoints);
        return new MvmCircuit(netlist, mapping, (double[])input.Clone(), applied, perUnit, outputs, vRead, options.AdcBits, stop)
        {
            InputSources = sources,
            InputValues = values,
            FeedbackConductance = gf,
        };
    }

    /// <summary>
    /// The column drive voltages for an input x (scaled so that max|x| maps to <see cref="CrossbarBuildOptions.SignalVoltage"/>,
    /// then DAC-quantised), the applied input in matrix units, and the TIA output voltage per unit of y. The sources of
    /// the negative array take the negated drive. A circuit built for one x serves another when its sources are scaled
    /// to these values.
    /// </summary>
    /// <remarks>o = −(G0/Gf)·Ã·x·s with s volts per unit of x ⇒ volts per unit of y = −G0·s/Gf.</remarks>
    /// <param name="mapping">The conductances of this read.</param>
    /// <param name="input">x in matrix units.</param>
    /// <param name="options">Signal voltage and DAC bits.</param>
    /// <param name="feedbackConductance">Gf of the TIAs of the circuit these drives go to (default: the one this mapping gets, <see cref="MvmCircuit.FeedbackConductance"/>).</param>
    public static (double[] Drive, double[] Applied, double OutputVoltagePerUnit) Inputs(ConductanceMapping mapping, double[] input, CrossbarBuildOptions options, double? feedbackConductance = null)
    {
        double maxX = input.Max(Math.Abs);
        if (!(maxX > 0))
        {
            maxX = 1;
        }

        double vRead = options.SignalVoltage;
        double volts = vRead / maxX;
        double[] applied = input.Select(x => Quantizer.Apply(x * volts, vRead, options.DacBits) / volts).ToArray();
        double[] drive = applied.Select(a => a * volts).ToArray();
        return (drive, applied, -mapping.Unit * volts / (feedbackConductance ?? LargestRowConductance(mapping)));
    }

    /// <summary>
    /// τ of a TIA row with a single-pole op-amp: the loop closes through Gf with noise gain 1 + G_row/Gf (G_row the row's
    /// total conductance, both arrays), so the closed-loop pole sits at 2π·GBWP/noise gain: τ = (1 + G_row/Gf)/(2π·GBWP)
    /// (A0 ≫ noise gain). With Gf the largest row total (the default) the slowest row has noise gain 2.
    /// </summary>
    /// <param name="noiseGain">1 + G_row/Gf.</param>
    /// <param name="gainBandwidth">GBWP of the op-amp (Hz).</param>
    /// <returns>Seconds.</returns>
    public static double TimeConstant(double noiseGain, double gainBandwidth) => noiseGain / (2 * Math.PI * gainBandwidth);

    /// <summary>The largest total conductance of a row (both arrays): the TIAs' feedback conductance, so |o_i| ≤ the signal voltage.</summary>
    private static double LargestRowConductance(ConductanceMapping mapping)
    {
        int m = mapping.Positive.GetLength(0);
        int n = mapping.Positive.GetLength(1);
        double gf = 0;
        for (int i = 0; i < m; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++)
            {
                row += mapping.Positive[i, j] + (mapping.Negative?[i, j] ?? 0);
            }

            gf = Math.Max(gf, row);
        }

        return gf;
    }
}
