using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Amc;

/// <summary>An array programmed for the circuit backend: each operation builds and simulates its circuit.</summary>
internal sealed class CircuitProgrammedArray : IProgrammedArray
{
    private readonly CircuitAnalogBackend _backend;
    private readonly IdealProgrammedArray _programmed;
    private readonly double _mvmFullScale;
    private readonly double _invFullScale;

    public CircuitProgrammedArray(CircuitAnalogBackend backend, IdealProgrammedArray programmed)
    {
        _backend = backend;
        _programmed = programmed;
        Realized = programmed.Realized;
        _mvmFullScale = Math.Max(MatrixOps.MaxAbsRowSum(Realized), double.Epsilon);
        _invFullScale = Rows == Columns ? InverseRowSum(Realized) : double.Epsilon;
    }

    public int Rows => Realized.GetLength(0);

    public int Columns => Realized.GetLength(1);

    public double[,] Realized { get; }

    private CircuitAnalysis Analysis => _backend.Fidelity == Fidelity.Transient ? CircuitAnalysis.Transient : CircuitAnalysis.OperatingPoint;

    public AnalogResult Multiply(ReadOnlySpan<double> x)
    {
        if (x.Length != Columns)
        {
            throw new ArgumentException($"MVM input has {x.Length} entries, the array has {Columns} columns.", nameof(x));
        }

        double[] v = Converters.Dac(x, _backend.Options.DacBits, out bool clipped);
        if (v.All(value => value == 0))
        {
            return new AnalogResult(new double[Rows], _backend.Options.MvmTime, clipped);
        }

        MvmCircuit circuit = MvmCircuitBuilder.Build(ReadMapping(), v, _backend.Circuit, Analysis);
        ResultTable table = Simulate(circuit.Netlist);
        double[] y = circuit.ReadResult(table);
        double settle = Settle(table, circuit.OutputNodes, _backend.Options.MvmTime);
        bool saturated = Converters.Adc(y, _backend.Options.AdcBits, _mvmFullScale);
        return new AnalogResult(y, settle, clipped || saturated);
    }

    public AnalogResult Solve(ReadOnlySpan<double> b)
    {
        if (Rows != Columns)
        {
            throw new InvalidOperationException($"INV needs a square array; this one is {Rows}×{Columns}.");
        }

        double[] v = Converters.Dac(b, _backend.Options.DacBits, out bool clipped);
        if (v.All(value => value == 0))
        {
            return new AnalogResult(new double[Rows], _backend.Options.InvTime, clipped);
        }

        InvCircuit circuit;
        try
        {
            circuit = InvCircuitBuilder.Build(ReadMapping(), v, _backend.Circuit, Analysis);
        }
        catch (InvUnstableException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }

        ResultTable table = Simulate(circuit.Netlist);
        double[] x = circuit.ReadSolution(table);
        double settle = Settle(table, circuit.OutputNodes, _backend.Options.InvTime);
        bool saturated = Converters.Adc(x, _backend.Options.AdcBits, _invFullScale);
        return new AnalogResult(x, settle, clipped || saturated);
    }

    /// <summary>The conductances of this read (white read noise drawn per operation when enabled).</summary>
    private ConductanceMapping ReadMapping()
    {
        (double[,] plus, double[,] minus) = _programmed.ReadConductances();
        return ConductanceMapping.FromConductances(plus, minus, _programmed.Scale);
    }

    private ResultTable Simulate(Netlists.Netlist netlist)
    {
        SimulationResults results = CircuitSimulator.Run(netlist);
        return results.Find(_backend.Fidelity == Fidelity.Transient ? "tran" : "op")!;
    }

    private double Settle(ResultTable table, IReadOnlyList<string> outputs, double nominal)
    {
        if (_backend.Fidelity != Fidelity.Transient)
        {
            return nominal;
        }

        double worst = 0;
        foreach (double t in SettlingTime.Of(table, outputs.Select(o => $"v({o})")))
        {
            worst = double.IsNaN(t) ? double.PositiveInfinity : Math.Max(worst, t);
        }

        return worst;
    }

    private static double InverseRowSum(double[,] realized)
    {
        var inverse = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(realized).Inverse().ToArray();
        return Math.Max(MatrixOps.MaxAbsRowSum(inverse), double.Epsilon);
    }
}
