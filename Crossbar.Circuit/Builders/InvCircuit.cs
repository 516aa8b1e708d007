using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// A generated closed-loop inversion circuit: the netlist, the realised matrix, the input
/// scaling, the stability report, and the mapping from op-amp output voltages back to x.
/// </summary>
public sealed class InvCircuit
{
    internal InvCircuit(Netlist netlist, ConductanceMapping mapping, double[] rhs, double outputPerUnit, IReadOnlyList<string> outputs, InvStability stability, double stopTime)
    {
        Netlist = netlist;
        Mapping = mapping;
        Rhs = rhs;
        OutputVoltagePerUnit = outputPerUnit;
        OutputNodes = outputs;
        Stability = stability;
        StopTime = stopTime;
    }

    /// <summary>The circuit (what is simulated is what is exported).</summary>
    public Netlist Netlist { get; }

    /// <summary>Conductances and the matrix they realise.</summary>
    public ConductanceMapping Mapping { get; }

    /// <summary>Right-hand side b in matrix units.</summary>
    public double[] Rhs { get; }

    /// <summary>Op-amp output voltage per unit of x: v = OutputVoltagePerUnit·x (negative: the outputs are −x scaled).</summary>
    public double OutputVoltagePerUnit { get; }

    /// <summary>Op-amp output nodes, one per unknown.</summary>
    public IReadOnlyList<string> OutputNodes { get; }

    /// <summary>Eigenvalues of D⁻¹G and the loop time constant.</summary>
    public InvStability Stability { get; }

    /// <summary>Transient stop time in s (when built for transient).</summary>
    public double StopTime { get; }

    /// <summary>Names of the input sources, one per row (currents into the rows, or voltages behind Gin).</summary>
    public IReadOnlyList<string> InputSources { get; init; } = [];

    /// <summary>Values of <see cref="InputSources"/> as built (A or V).</summary>
    public IReadOnlyList<double> InputValues { get; init; } = [];

    /// <summary>ADC bits of the output readout (0 = none).</summary>
    public int AdcBits { get; init; }

    /// <summary>ADC full scale in V: 1.25 × the signal voltage, to which the largest exact output is scaled, so a circuit error of up to 25% does not clip.</summary>
    public double AdcFullScale { get; init; } = 1;

    /// <summary>Column names of the outputs in result tables.</summary>
    public IEnumerable<string> OutputColumns => OutputNodes.Select(n => $"v({n})");

    /// <summary>Reads x from one row of a result table (op row 0, or the last tran row).</summary>
    public double[] ReadSolution(ResultTable table, int row = -1) => ReadSolution(table, OutputVoltagePerUnit, row);

    /// <summary>Reads x from one row of a result table for an input scaled to <paramref name="outputVoltagePerUnit"/> (see <see cref="InvCircuitBuilder.Inputs"/>).</summary>
    public double[] ReadSolution(ResultTable table, double outputVoltagePerUnit, int row = -1)
    {
        double[] values = table.Rows[row < 0 ? table.Rows.Count - 1 : row];
        var x = new double[OutputNodes.Count];
        for (int k = 0; k < x.Length; k++)
        {
            int c = table.IndexOf($"v({OutputNodes[k]})");
            x[k] = Quantizer.Apply(values[c], AdcFullScale, AdcBits) / outputVoltagePerUnit;
        }

        return x;
    }
}
