namespace Crossbar.Circuit.Amc;

/// <summary>Outcome of <see cref="HpInvSolver.Solve(double[,], double[], HpInvOptions, AmcCostCounter?)"/>.</summary>
public sealed class HpInvResult
{
    internal HpInvResult(double[] solution, double[] reference, IReadOnlyList<HpInvIteration> iterations, double spectralRadius,
        bool diverged, string? message, BitSlicedMatrix slices, int stages, AmcCostCounter cost, double target)
    {
        Solution = solution;
        Reference = reference;
        Iterations = iterations;
        SpectralRadius = spectralRadius;
        Diverged = diverged;
        Message = message;
        Slices = slices;
        Stages = stages;
        Cost = cost;
        FinalRelativeError = iterations[^1].RelativeError;
        foreach (var it in iterations)
        {
            if (it.Iteration > 0 && it.RelativeError <= target)
            {
                IterationsToTarget = it.Iteration;
                break;
            }
        }
    }

    /// <summary>x after the last iteration.</summary>
    public double[] Solution { get; }

    /// <summary>x*, MathNet's double-precision LU solution.</summary>
    public double[] Reference { get; }

    /// <summary>Per-iteration record, starting with iteration 0 (x = 0).</summary>
    public IReadOnlyList<HpInvIteration> Iterations { get; }

    /// <summary>First iteration whose relative error met the target; null when it never did.</summary>
    public int? IterationsToTarget { get; }

    /// <summary>Relative error after the last iteration.</summary>
    public double FinalRelativeError { get; }

    /// <summary>ρ(I − E·A), E the LP-INV operator realised by the programmed arrays (no noise, no converters).</summary>
    public double SpectralRadius { get; }

    /// <summary>True when divergence was predicted (ρ ≥ 1) or observed (residual growth).</summary>
    public bool Diverged { get; }

    /// <summary>What was detected, or null.</summary>
    public string? Message { get; }

    /// <summary>The bit slicing of A (slice scales, rounding policy, reconstruction error).</summary>
    public BitSlicedMatrix Slices { get; }

    /// <summary>BlockAMC stages of the LP-INV (0 = the matrix fits one array).</summary>
    public int Stages { get; }

    /// <summary>Everything the run cost (programming included).</summary>
    public AmcCostCounter Cost { get; }
}
