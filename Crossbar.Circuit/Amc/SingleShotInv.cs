namespace Crossbar.Circuit.Amc;

/// <summary>
/// A plain analogue INV: the full-precision matrix programmed once at the cell resolution (through BlockAMC when it
/// exceeds one array) and solved in one shot, without refinement. The baseline HP-INV is compared with.
/// </summary>
public static class SingleShotInv
{
    /// <summary>Solves A·x = b once.</summary>
    /// <param name="a">A, N×N.</param>
    /// <param name="b">b.</param>
    /// <param name="backend">Backend.</param>
    /// <param name="arraySize">Largest array dimension.</param>
    /// <param name="bits">Bits per cell for the blocks and the Schur complements.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="counter">Cost counter (a new one when null).</param>
    /// <returns>x, its relative error against MathNet's LU and the settling time.</returns>
    public static SingleShotResult Solve(double[,] a, double[] b, IAnalogBackend backend, int arraySize, int bits, int seed, AmcCostCounter? counter = null)
    {
        counter ??= new AmcCostCounter();
        var solver = BlockAmcSolver.Program(a, backend, new BlockAmcOptions { ArraySize = arraySize, BlockBits = bits, SchurBits = bits }, new SeedSequence(seed, 3), counter);
        var x = solver.Solve(b, out double settle);
        var reference = HpInvSolver.Reference(a, b);
        return new SingleShotResult(x, MatrixOps.RelativeError(x, reference), settle, counter);
    }
}

/// <summary>Result of a single-shot analogue INV.</summary>
/// <param name="Solution">x.</param>
/// <param name="RelativeError">‖x − x*‖/‖x*‖.</param>
/// <param name="SettleTime">Sum of settling times (s).</param>
/// <param name="Cost">Cost counter.</param>
public sealed record SingleShotResult(double[] Solution, double RelativeError, double SettleTime, AmcCostCounter Cost);
