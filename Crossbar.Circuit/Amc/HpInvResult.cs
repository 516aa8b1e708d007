namespace Crossbar.Circuit.Amc;

/// <summary>Outcome of <see cref="HpInvSolver.Solve(double[,], double[], HpInvOptions, AmcCostCounter?)"/>.</summary>
public sealed class HpInvResult
{
    internal HpInvResult(double[] solution, double[] reference, IReadOnlyList<HpInvIteration> iterations, double spectralRadius, double programmedSpectralRadius,
        bool diverged, HpInvStop stop, string? message, BitSlicedMatrix slices, int stages, AmcCostCounter cost, double target)
    {
        ProgrammedSpectralRadius = programmedSpectralRadius;
        Stop = stop;
        Solution = solution;
        Reference = reference;
        Iterations = iterations;
        SpectralRadius = spectralRadius;
        Diverged = diverged;
        Message = message;
        Slices = slices;
        Stages = stages;
        Cost = cost;
        // Of the solution returned (the last iterate, or FGMRES's best one when it did not converge).
        FinalRelativeError = MatrixOps.RelativeError(solution, reference);
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

    /// <summary>Relative error of <see cref="Solution"/> against the double-precision reference.</summary>
    public double FinalRelativeError { get; }

    /// <summary>ρ(I − E·A), E the LP-INV operator as the hardware realises it (the circuits' effective matrices at op and
    /// tran fidelity, the programmed conductances at ideal fidelity; no noise, no converters).</summary>
    public double SpectralRadius { get; }

    /// <summary>ρ(I − E·A) with E from the programmed conductances alone (equal to <see cref="SpectralRadius"/> at ideal fidelity).</summary>
    public double ProgrammedSpectralRadius { get; }

    /// <summary>Why the iteration stopped.</summary>
    public HpInvStop Stop { get; }

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

/// <summary>Why HP-INV stopped.</summary>
public enum HpInvStop
{
    /// <summary>Correction and residual both met the target.</summary>
    Converged,

    /// <summary>Neither the correction nor the residual improved for <see cref="HpInvOptions.StallLimit"/> iterations.</summary>
    Stagnated,

    /// <summary>ρ ≥ 1, or the residual grew past the limit.</summary>
    Diverged,

    /// <summary>The iteration limit was reached first.</summary>
    IterationLimit,
}
