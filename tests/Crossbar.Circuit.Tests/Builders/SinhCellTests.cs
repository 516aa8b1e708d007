using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Ngspice;
using Crossbar.Devices.OpAmps;
using Crossbar.Devices.Programming;
using Crossbar.Devices.Rram;
using Crossbar.Devices.Wires;

namespace Crossbar.Circuit.Tests.Builders;

public class SinhCellTests
{
    private static CrossbarBuildOptions Options(CrossbarCellKind cell, double v0) => new()
    {
        Cell = cell,
        Levels = new ConductanceLevels(0),
        OpAmp = OpAmpModel.WithSinglePole(1e5, 16e6),
        Wires = new WireModel(),
        Rram = new SinhRramModel(v0, 0.2),
    };

    [TestCase(CrossbarCellKind.Resistor)]
    [TestCase(CrossbarCellKind.OnResistance)]
    [TestCase(CrossbarCellKind.Transistor)]
    public void When_SinhCellInv_Is_Exported_Expect_Ngspice_Operating_Point_Within_1e6(CrossbarCellKind cell)
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        double[,] a = InvCircuitTests.DiagonallyDominant(4, 7, false);
        double[] b = InvCircuitTests.Rhs(4, 8);
        InvCircuit circuit = InvCircuitBuilder.Build(a, b, Options(cell, 0.15), CircuitAnalysis.OperatingPoint);
        string deck = NetlistWriter.Write(circuit.Netlist);
        Assert.That(deck, Does.Contain("*sinh(v("));
        Assert.That(deck.Contains("_on ", StringComparison.Ordinal), Is.EqualTo(cell == CrossbarCellKind.OnResistance));
        ResultTable ours = CircuitSimulator.Run(circuit.Netlist).Find("op")!;
        RawPlot reference = runner!.Run(NgspiceRunner.WithTightTolerances(deck)).Plots.Single(p => p.Analysis == "op");
        double worst = 0;
        foreach (string column in circuit.OutputColumns)
        {
            double actual = ours.Column(column)[0];
            double expected = reference.Column(column)[0];
            worst = Math.Max(worst, Math.Abs(actual - expected) / Math.Abs(expected));
            Tolerance.AssertClose(actual, expected, 1e-6, 1e-12, column);
        }

        TestContext.Out.WriteLine($"{cell}: worst relative difference to ngspice {worst:G3}");
    }

    [Test]
    public void When_V0_Is_Large_Expect_Linear_Cells()
    {
        double[,] a = InvCircuitTests.DiagonallyDominant(4, 3, false);
        double[] b = InvCircuitTests.Rhs(4, 4);
        var linear = InvCircuitTests.IdealOptions;
        InvCircuit reference = InvCircuitBuilder.Build(a, b, linear, CircuitAnalysis.OperatingPoint);
        InvCircuit sinh = InvCircuitBuilder.Build(a, b, linear with { Rram = new SinhRramModel(1e3, 0.2) }, CircuitAnalysis.OperatingPoint);
        double[] x0 = reference.ReadSolution(CircuitSimulator.Run(reference.Netlist).Find("op")!);
        double[] x1 = sinh.ReadSolution(CircuitSimulator.Run(sinh.Netlist).Find("op")!);
        for (int i = 0; i < x0.Length; i++)
        {
            Tolerance.AssertClose(x1[i], x0[i], 1e-6, 1e-9, $"x[{i}]");
        }
    }

    [Test]
    public void When_Cell_Is_Read_At_Read_Voltage_Expect_Nominal_Chord_Conductance()
    {
        var netlist = new Netlist { Title = "one sinh cell" };
        netlist.Elements.Add(new ElementCard("V1", ["r", "0"]) { Value = 0.2 });
        netlist.Arrays.Add(new CrossbarArrayCard("x", ["r"], ["0"], [20e-6]) { ReadModel = new SinhRramModel(0.1, 0.2) });
        netlist.Analyses.Add(new OpAnalysisCard());
        ResultTable op = CircuitSimulator.Run(netlist).Find("op")!;
        Tolerance.AssertClose(-op.Column("i(v1)")[0], 20e-6 * 0.2, 1e-12, 1e-18, "read current");
    }
}
