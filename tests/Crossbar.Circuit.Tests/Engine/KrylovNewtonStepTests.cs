using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using Crossbar.Circuit.Tests.Builders;
using Crossbar.Devices.Wires;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Engine;

/// <summary>
/// The operating point's Newton step by GMRES on the previous factorisation (used from 50M entries of L + U) gives the
/// answer of the factoring Newton: checked on a small 1T1R INV with wires by lowering the threshold to zero.
/// </summary>
[TestFixture]
[NonParallelizable]
public class KrylovNewtonStepTests
{
    [TearDown]
    public void Restore() => NewtonSolver.KrylovMinimumFactor = NewtonSolver.DefaultKrylovMinimumFactor;

    [Test]
    public void When_Newton_Steps_Reuse_The_Factorisation_Through_Gmres_Expect_The_Same_Operating_Point()
    {
        const int n = 16;
        double[,] a = InvCircuitTests.DiagonallyDominant(n, 11, true);
        CrossbarBuildOptions options = new() { Cell = CrossbarCellKind.Transistor, Wires = new WireModel { RowResistancePerCell = 1.73, ColumnResistancePerCell = 1.73 } };
        InvCircuit circuit = InvCircuitBuilder.Build(a, InvCircuitTests.Rhs(n, 12), options, CircuitAnalysis.OperatingPoint);

        SimulationResults factoring = CircuitSimulator.Run(circuit.Netlist);
        NewtonSolver.KrylovMinimumFactor = 0;
        SimulationResults krylov = CircuitSimulator.Run(circuit.Netlist);

        Assert.That(krylov.Statistics.KrylovSteps, Is.GreaterThan(0), "no Newton step went through GMRES");
        Assert.That(krylov.Statistics.Solver!.Factorizations + krylov.Statistics.Solver.Refactorizations,
            Is.LessThan(factoring.Statistics.Solver!.Factorizations + factoring.Statistics.Solver.Refactorizations));
        double[] expected = circuit.ReadSolution(factoring.Find("op")!);
        double[] actual = circuit.ReadSolution(krylov.Find("op")!);
        double scale = expected.Max(Math.Abs);
        Assert.That(actual.Zip(expected, (x, y) => Math.Abs(x - y)).Max(), Is.LessThan(1e-9 * scale));
    }
}
