using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Builders;
using Crossbar.Circuit.Tests.Ngspice;
using Crossbar.Devices.Noise;
using Crossbar.Devices.Wires;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary>
/// The quantised-step transient (steps tmax·2⁻ᵏ, chord Newton, one kept factorisation per step and order) against
/// the adaptive one (ngspice's step control, full Newton) at twenty times finer print steps: as close to it as the
/// adaptive transient at the same print step (well within the 1 % transient cross-check tolerance), with far fewer
/// factorisations.
/// </summary>
[TestFixture]
public class QuantisedTransientTests
{
    [TestCase(1e-9, 1e-9)]
    [TestCase(0.5e-9, 0.5e-9)]
    [TestCase(0.4e-9, 0.25e-9)]
    [TestCase(0.26e-9, 0.25e-9)]
    [TestCase(0.249e-9, 0.125e-9)]
    [TestCase(3e-9, 1e-9)]
    public void When_StepQuantised_Expect_LargestHalvingOfTmaxNotAboveIt(double h, double expected)
    {
        Assert.That(TransientAnalysis.Quantise(h, 1e-9), Is.EqualTo(expected).Within(1e-12).Percent);
    }

    [TestCase(false, 0.0)]
    [TestCase(true, 0.0)]
    [TestCase(true, 0.01)]
    public void When_InvTransientOf1T1RArrayQuantised_Expect_AdaptiveWaveformsWithFewFactorisations(bool signed, double noise)
    {
        double[,] a = InvCircuitTests.DiagonallyDominant(8, 48, signed);
        var options = new CrossbarBuildOptions
        {
            Cell = CrossbarCellKind.Transistor,
            Wires = new WireModel { RowCapacitancePerCell = 1e-15, ColumnCapacitancePerCell = 1e-15 },
            CellNoise = noise > 0 ? new CellReadNoise { WhiteSigma = noise, SampleTime = 2e-9 } : null,
            TransientPoints = 200,
        };
        InvCircuit circuit = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(8, 49), options, CircuitAnalysis.Transient);
        InvCircuit fine = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(8, 49), options with { TransientPoints = 4000 }, CircuitAnalysis.Transient);

        ResultTable reference = CircuitSimulator.Run(fine.Netlist).Find("tran")!;
        SimulationResults adaptive = CircuitSimulator.Run(circuit.Netlist);
        SimulationResults quantised = CircuitSimulator.Run(circuit.Netlist, quantisedTransient: true);

        foreach (string column in circuit.OutputColumns)
        {
            double fast = WorstDifferenceOfRange(reference, quantised.Find("tran")!, column);
            double usual = WorstDifferenceOfRange(reference, adaptive.Find("tran")!, column);
            Assert.That(fast, Is.LessThan(Math.Max(2 * usual, 2e-3)), $"{column}: quantised differs from the fine transient by {fast:P3} of the range, adaptive by {usual:P3}");
        }

        int adaptiveFactors = Factorisations(adaptive);
        int quantisedFactors = Factorisations(quantised);
        TestContext.Out.WriteLine($"factorisations: adaptive {adaptiveFactors}, quantised {quantisedFactors}; steps {adaptive.Statistics.AcceptedSteps} / {quantised.Statistics.AcceptedSteps}");
        Assert.That(quantisedFactors, Is.LessThan(adaptiveFactors / 5));
    }

    [Test]
    public void When_RectifierDeckQuantised_Expect_AdaptiveWaveformsWithinOnePercent()
    {
        // A diode switching every half period: the Jacobian changes abruptly, so chord steps must hand over to full
        // Newton steps and the kept factorisations must be refreshed.
        Netlist deck = NetlistReader.ReadFile(Path.Combine(RepositoryPaths.Root, "netlists", "07_halfwave_rectifier.cir"));
        ResultTable reference = CircuitSimulator.Run(deck).Find("tran")!;
        ResultTable fast = CircuitSimulator.Run(deck, quantisedTransient: true).Find("tran")!;
        foreach (string column in reference.Columns.Skip(1))
        {
            Assert.That(WorstDifferenceOfRange(reference, fast, column), Is.LessThan(0.01), column);
        }
    }

    [Test]
    public void When_FactorisationsKeptPerStep_Expect_HitsForKnownStepsAndLeastRecentlyUsedReplaced()
    {
        Netlist deck = NetlistReader.ReadText("rc\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1n\n.end\n");
        var circuit = new Crossbar.Circuit.Engine.Circuit(CircuitCompiler.CreateElements(deck), SimulationOptions.FromNetlist(deck));
        circuit.KeepFactorizations(2);

        Assert.That(circuit.SelectFactorization(1, 1e9), Is.False);
        circuit.LoadAll(0);
        circuit.FactorLoaded();
        Assert.That(circuit.SelectFactorization(2, 2e9), Is.False);
        circuit.FactorLoaded();
        Assert.That(circuit.SelectFactorization(1, 1e9), Is.True, "kept for order 1, a0 = 1e9");
        Assert.That(circuit.SelectFactorization(2, 2e9), Is.True, "kept for order 2, a0 = 2e9");
        Assert.That(circuit.SelectFactorization(1, 1e9), Is.True);

        // A third step replaces the least recently used (order 2), not the one just used.
        Assert.That(circuit.SelectFactorization(2, 4e9), Is.False);
        circuit.FactorLoaded();
        Assert.That(circuit.SelectFactorization(1, 1e9), Is.True);
        Assert.That(circuit.SelectFactorization(2, 2e9), Is.False);
    }

    [Test]
    public void When_ArrayLoadedOnSeveralThreads_Expect_TheSameTransientAsOnOne()
    {
        double[,] a = InvCircuitTests.DiagonallyDominant(16, 52, signed: true);
        var options = new CrossbarBuildOptions
        {
            Cell = CrossbarCellKind.Transistor,
            Wires = new WireModel { RowCapacitancePerCell = 1e-15, ColumnCapacitancePerCell = 1e-15 },
            CellNoise = new CellReadNoise { WhiteSigma = 0.02, SampleTime = 5e-9 },
            TransientPoints = 100,
        };
        InvCircuit circuit = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(16, 53), options, CircuitAnalysis.Transient);
        ResultTable single = CircuitSimulator.Run(circuit.Netlist, quantisedTransient: true).Find("tran")!;
        ResultTable threaded;
        try
        {
            Crossbar.Circuit.Elements.CrossbarArray.ParallelMinimumCells = 1;
            threaded = CircuitSimulator.Run(circuit.Netlist, quantisedTransient: true).Find("tran")!;
        }
        finally
        {
            Crossbar.Circuit.Elements.CrossbarArray.ParallelMinimumCells = 0;
        }

        Assert.That(threaded.Rows.Count, Is.EqualTo(single.Rows.Count));
        for (int r = 0; r < single.Rows.Count; r++)
        {
            Assert.That(threaded.Rows[r], Is.EqualTo(single.Rows[r]), $"row {r}");
        }
    }

    private static int Factorisations(SimulationResults results) =>
        results.Statistics.Solver!.Factorizations + results.Statistics.Solver.Refactorizations;

    /// <summary>Largest |fast − reference| over the fast table's times (reference interpolated linearly), over the reference's range.</summary>
    private static double WorstDifferenceOfRange(ResultTable reference, ResultTable fast, string column)
    {
        double[] t = reference.Column("time");
        double[] v = reference.Column(column);
        double range = v.Max() - v.Min();
        double[] tf = fast.Column("time");
        double[] vf = fast.Column(column);
        double worst = 0;
        for (int k = 0; k < tf.Length; k++)
        {
            int i = Array.BinarySearch(t, tf[k]);
            double interpolated;
            if (i >= 0)
            {
                interpolated = v[i];
            }
            else
            {
                i = Math.Clamp(~i, 1, t.Length - 1);
                double w = (tf[k] - t[i - 1]) / (t[i] - t[i - 1]);
                interpolated = (v[i - 1] * (1 - w)) + (v[i] * w);
            }

            worst = Math.Max(worst, Math.Abs(interpolated - vf[k]) / range);
        }

        return worst;
    }
}
