using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Builders;

/// <summary>A generated open-loop MVM circuit and the mapping from TIA outputs back to y = A·x.</summary>
public sealed class MvmCircuit
{
    internal MvmCircuit(Netlist netlist, ConductanceMapping mapping, double[] input, double[] appliedInput, double outputPerUnit, IReadOnlyList<string> outputs, double adcFullScale, int adcBits, double stopTime)
    {
        Netlist = netlist;
        Mapping = mapping;
        Input = input;
        AppliedInput = appliedInput;
        OutputVoltagePerUnit = outputPerUnit;
        OutputNodes = outputs;
        AdcFullScale = adcFullScale;
        AdcBits = adcBits;
        StopTime = stopTime;
    }

    /// <summary>The circuit.</summary>
    public Netlist Netlist { get; }

    /// <summary>Conductances and the realised matrix.</summary>
    public ConductanceMapping Mapping { get; }

    /// <summary>The requested input vector x in matrix units.</summary>
    public double[] Input { get; }

    /// <summary>The input after DAC quantisation, in matrix units (what the drivers apply).</summary>
    public double[] AppliedInput { get; }

    /// <summary>TIA output voltage per unit of y (negative: o = −(1/Gf)·G·V).</summary>
    public double OutputVoltagePerUnit { get; }

    /// <summary>TIA output nodes, one per row.</summary>
    public IReadOnlyList<string> OutputNodes { get; }

    /// <summary>ADC full scale in V (outputs are clipped and quantised to it when AdcBits &gt; 0).</summary>
    public double AdcFullScale { get; }

    /// <summary>ADC bits (0 = none).</summary>
    public int AdcBits { get; }

    /// <summary>Names of the column drive sources (positive array, then the negated drives of the negative array).</summary>
    public IReadOnlyList<string> InputSources { get; init; } = [];

    /// <summary>Values of <see cref="InputSources"/> as built, in V.</summary>
    public IReadOnlyList<double> InputValues { get; init; } = [];

    /// <summary>Feedback conductance Gf of the TIAs in S (the largest total row conductance).</summary>
    public double FeedbackConductance { get; init; }

    /// <summary>Transient stop time in s.</summary>
    public double StopTime { get; }

    /// <summary>Reads y from one row of a result table (ADC applied), default the last row.</summary>
    public double[] ReadResult(ResultTable table, int row = -1) => ReadResult(table, OutputVoltagePerUnit, row);

    /// <summary>Reads y from one row of a result table for an input scaled to <paramref name="outputVoltagePerUnit"/> (see <see cref="MvmCircuitBuilder.Inputs"/>).</summary>
    public double[] ReadResult(ResultTable table, double outputVoltagePerUnit, int row = -1)
    {
        double[] values = table.Rows[row < 0 ? table.Rows.Count - 1 : row];
        var y = new double[OutputNodes.Count];
        for (int k = 0; k < y.Length; k++)
        {
            double v = values[table.IndexOf($"v({OutputNodes[k]})")];
            y[k] = Quantizer.Apply(v, AdcFullScale, AdcBits) / outputVoltagePerUnit;
        }

        return y;
    }
}
