using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>
/// The example decks mean what their comments say: ngspice's tight-tolerance reference agrees
/// with the analytic answer. Guards the decks (and the harness) independently of the engine.
/// </summary>
[TestFixture]
public class NgspiceDeckAnalyticTests
{
    private static RawPlot ReferenceOp(string deck)
    {
        NgspiceRunner? runner = NgspiceRunner.TryCreate();
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        return runner!.RunReference(Path.Combine(RepositoryPaths.Root, "netlists", deck)).First(p => p.Analysis == "op");
    }

    [Test]
    public void When_Divider_Reference_Runs_Expect_Ten_Times_Five_Over_Fifteen()
    {
        RawPlot op = ReferenceOp("01_resistive_divider.cir");

        Assert.That(op.Column("v(out)")[0], Is.EqualTo(10.0 * 5 / 15).Within(1e-12));
        Assert.That(op.Column("i(v1)")[0], Is.EqualTo(-10.0 / 15e3).Within(1e-16));
    }

    [Test]
    public void When_Mvm_Reference_Runs_Expect_Finite_Gain_Tia_Outputs()
    {
        double[,] a = { { 3, 1, 4, 1 }, { 5, 2, 6, 5 }, { 3, 5, 8, 2 }, { 7, 1, 8, 2 } };
        double[] v = [0.1, -0.2, 0.15, 0.05];
        const double G0 = 10e-6, Gf = 1.0 / 10e3, Aol = 1e6;
        RawPlot op = ReferenceOp("15_crossbar_mvm_4x4.cir");

        for (int i = 0; i < 4; i++)
        {
            double sum = 0, rowTotal = 0;
            for (int j = 0; j < 4; j++)
            {
                sum += G0 * a[i, j] * v[j];
                rowTotal += G0 * a[i, j];
            }

            // o = -A v_r and KCL at the row: sum + Gf o + (D + Gf) o / A = 0.
            double expected = -sum / (Gf + ((rowTotal + Gf) / Aol));
            Assert.That(op.Column($"v(o{i + 1})")[0], Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)), $"v(o{i + 1})");
        }
    }

    [Test]
    public void When_Inv_Reference_Runs_Expect_Minus_G_Plus_D_Over_A0_Inverse_Times_I()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 1, 1 }, { 1, 3, 1 }, { 1, 1, 5 } });
        var g = a * 10e-6;
        var d = Matrix<double>.Build.DiagonalOfDiagonalVector(g.RowSums());
        var current = Vector<double>.Build.DenseOfArray([10e-6, -5e-6, 8e-6]);
        Vector<double> expected = -(g + (d / 1e5)).Solve(current);
        RawPlot op = ReferenceOp("16_crossbar_inv_3x3.cir");

        for (int i = 0; i < 3; i++)
        {
            Assert.That(op.Column($"v(c{i + 1})")[0], Is.EqualTo(expected[i]).Within(1e-9 * Math.Abs(expected[i])), $"v(c{i + 1})");
        }
    }
}
