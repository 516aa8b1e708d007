using Crossbar.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Algebra;

[TestFixture]
public class PreconditionedGmresTests
{
    /// <summary>A diagonally dominant nonsymmetric matrix, and the same one with every entry moved by up to ±<paramref name="perturbation"/> of itself.</summary>
    private static (Matrix<double> A, Matrix<double> Nearby) Matrices(int n, double perturbation, int seed)
    {
        var random = new Random(seed);
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 4 + random.NextDouble() : (Math.Abs(i - j) <= 2 ? random.NextDouble() - 0.5 : 0));
        var nearby = a.Map(v => v * (1 + (perturbation * ((2 * random.NextDouble()) - 1))));
        return (a, nearby);
    }

    private static bool Solve(Matrix<double> a, Matrix<double> preconditioner, int dimension, double[] r, double[] d, out int iterations)
    {
        var lu = preconditioner.LU();
        var gmres = new PreconditionedGmres(r.Length, dimension);
        bool ok = gmres.Solve(
            (x, y) => a.Multiply(Vector<double>.Build.DenseOfArray(x)).ToArray().CopyTo(y, 0),
            x => lu.Solve(Vector<double>.Build.DenseOfArray(x)).ToArray().CopyTo(x, 0),
            r,
            d,
            1e-10);
        iterations = gmres.Iterations;
        return ok;
    }

    [Test]
    public void When_Preconditioned_By_A_Nearby_Factorisation_Expect_Solution_To_Tolerance_In_Few_Iterations()
    {
        (Matrix<double> a, Matrix<double> nearby) = Matrices(200, 0.02, 1);
        double[] r = [.. Enumerable.Range(0, 200).Select(i => Math.Sin(i))];
        double[] d = new double[200];

        bool ok = Solve(a, nearby, 10, r, d, out int iterations);

        Assert.That(ok, Is.True);
        Assert.That(iterations, Is.LessThanOrEqualTo(10));
        double[] exact = a.Solve(Vector<double>.Build.DenseOfArray(r)).ToArray();
        double residual = (Vector<double>.Build.DenseOfArray(r) - a.Multiply(Vector<double>.Build.DenseOfArray(d))).L2Norm();
        Assert.That(residual, Is.LessThanOrEqualTo(1e-9 * Vector<double>.Build.DenseOfArray(r).L2Norm()));
        Assert.That(d.Zip(exact, (x, y) => Math.Abs(x - y)).Max(), Is.LessThan(1e-8));
    }

    [Test]
    public void When_Preconditioner_Is_Far_Off_And_Dimension_Small_Expect_False_And_No_Step()
    {
        (Matrix<double> a, _) = Matrices(200, 0, 2);
        Matrix<double> identity = Matrix<double>.Build.DenseIdentity(200);
        double[] r = [.. Enumerable.Range(0, 200).Select(i => Math.Cos(3 * i))];
        double[] d = new double[200];

        bool ok = Solve(a, identity, 2, r, d, out int iterations);

        Assert.That(ok, Is.False);
        Assert.That(iterations, Is.EqualTo(2));
        Assert.That(d, Has.All.EqualTo(0.0));
    }

    [Test]
    public void When_Right_Hand_Side_Is_Zero_Expect_Zero_Step()
    {
        (Matrix<double> a, Matrix<double> nearby) = Matrices(20, 0.01, 3);
        double[] d = Enumerable.Repeat(1.0, 20).ToArray();

        bool ok = Solve(a, nearby, 5, new double[20], d, out int iterations);

        Assert.That(ok, Is.True);
        Assert.That(iterations, Is.Zero);
        Assert.That(d, Has.All.EqualTo(0.0));
    }
}
