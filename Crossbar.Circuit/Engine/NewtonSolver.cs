using System.Globalization;
using Crossbar.Circuit.Algebra;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Newton–Raphson on the MNA equations: load, factor (or reuse), solve, and converge on both
/// the solution change (|Δx| ≤ reltol·|x| + vntol/abstol) and the KCL residual of the
/// linearised system at the new point, with junction limiting reported by the devices.
/// </summary>
internal sealed class NewtonSolver
{
    private const int MaxPolishIterations = 8;

    /// <summary>
    /// Largest update, in SPICE tolerances, after which an operating-point iteration may reuse the last factorisation
    /// (a chord step, kept only while it shrinks the update tenfold). A crossbar's Jacobian hardly moves once its
    /// transistors are in their operating region, so chord steps already pay from a few hundred tolerances on: a
    /// 128×128 1T1R INV then factors twice instead of three times (each factorisation 15 s at 1024×1024).
    /// </summary>
    private const double ChordRatio = 1000;

    /// <summary>
    /// Update, in SPICE tolerances, below which a stalled polish is rounding noise (about 1e-8 relative); a chord step
    /// that stalls above it hands over to a full Newton step. The rounding floor of the factorisation grows with the
    /// array: a 512×512 1T1R INV's chord steps stall at 5e-7 tolerances, where a new factorisation (3 s) gives 6e-7.
    /// </summary>
    private const double NegligibleRatio = 1e-5;

    /// <summary>
    /// Largest last update, in SPICE tolerances, at which <see cref="Continue"/> stops: a hundredth, so that an answer
    /// re-solved from the last one agrees with a fresh, polished operating point far below the SPICE tolerance
    /// (about 1e-5 relative) whatever the starting point was.
    /// </summary>
    private const double ContinuationFinalRatio = 0.01;

    /// <summary>Factor by which each chord step of <see cref="Continue"/> must shrink the largest update to keep the old factorisation.</summary>
    private const double ContinuationContraction = 0.5;

    /// <summary>Update, in SPICE tolerances, below which a full Newton step must shrink the next update tenfold (it would
    /// quadratically); one that does not has met the rounding floor of the factorisation.</summary>
    private const double DeepRatio = 1e-3;

    /// <summary>Factor by which each chord step must shrink the largest update.</summary>
    private const double ChordContraction = 0.1;
    private readonly Circuit _circuit;
    private readonly double[] _next;
    private readonly double[] _previous;
    private readonly double[] _rowScale;
    private PreconditionedGmres? _krylov;
    private double[]? _krylovResidual;
    private double[]? _krylovStep;

    /// <summary>Largest Krylov dimension of a <see cref="KrylovStep"/> (its basis is this many + 1 vectors of the system's size).</summary>
    private const int KrylovDimension = 10;

    /// <summary>Relative 2-norm residual to which a <see cref="KrylovStep"/> solves its Newton system.</summary>
    private const double KrylovTolerance = 1e-10;

    /// <summary>L + U entries from which an operating point's Newton step is tried by GMRES on the last factorisation
    /// before a new one: there a factorisation costs twenty or more solves (512×512 1T1R INV: 3 s against 0.17 s);
    /// at 22M entries (256×256) only a dozen, which GMRES uses up. Settable for tests (small circuits through the same path).</summary>
    internal static long KrylovMinimumFactor { get; set; } = DefaultKrylovMinimumFactor;

    /// <summary>The default of <see cref="KrylovMinimumFactor"/>.</summary>
    internal const long DefaultKrylovMinimumFactor = 50_000_000;

    public NewtonSolver(Circuit circuit)
    {
        _circuit = circuit;
        _next = new double[circuit.Size + 1];
        _previous = new double[circuit.Size + 1];
        _rowScale = new double[circuit.Size + 1];
    }

    /// <summary>Describes the unknowns that moved most in the last failed attempt.</summary>
    public string LastWorstUnknowns { get; private set; } = string.Empty;

    /// <summary>The singular-matrix failure of the last attempt, or null when it was not singular.</summary>
    public SimulationException? LastSingular { get; private set; }

    /// <summary>The first iterate failed for a non-finite element value since this was last cleared (the caller clears it).</summary>
    public string? FirstNonFinite { get; set; }

    /// <summary>When set, every full Newton step records the matrix it factored and its right-hand side here (<c>--dump-matrix</c>).</summary>
    public MatrixSnapshot? Capture { get; set; }

    /// <summary>Extra per-node forcing applied during the load (for .ic clamps): (unknown, value).</summary>
    public IReadOnlyList<(int Unknown, double Value)> Clamps { get; set; } = [];

    /// <summary>Conductance in S from a clamped node to its value (ngspice holds nodesets and <c>.ic</c> nodes with 1e10).</summary>
    public const double ClampConductance = 1e10;

    /// <summary>
    /// Iterates from the current <see cref="LoadContext.Solution"/>. Returns true when converged;
    /// the solution is then in <see cref="LoadContext.Solution"/>.
    /// </summary>
    /// <param name="maxIterations">Iteration limit.</param>
    /// <param name="diagonalGmin">Conductance added from every node to ground (gmin stepping), 0 normally.</param>
    /// <param name="initializeJunctions">Start junctions from their initial voltages (first OP attempt).</param>
    /// <param name="polish">After convergence keep iterating (a few times) until the update is negligible.</param>
    public bool Solve(int maxIterations, double diagonalGmin, bool initializeJunctions, bool polish)
    {
        Circuit c = _circuit;
        LoadContext load = c.Load;
        SimulationOptions o = c.Options;
        int n = c.Size;
        double[] x = load.Solution;
        x[n] = 0;
        LastSingular = null;
        load.InitializeJunctions = initializeJunctions;
        bool deltaConverged = false;
        bool strictDelta = false;
        double ratio = double.PositiveInfinity;
        double previousRatio = double.PositiveInfinity;
        bool lastWasChord = false;
        int polishLeft = MaxPolishIterations;
        int iteration = 0;
        bool linear = !c.IsNonlinear;
        while (true)
        {
            c.LoadAll(diagonalGmin);
            if (load.NonFinite is { } nonFinite)
            {
                LastWorstUnknowns = nonFinite;
                FirstNonFinite ??= nonFinite;
                return false;
            }

            ApplyClamps(load);
            bool limited = load.Limited || load.InitializeJunctions;
            load.InitializeJunctions = false;
            if (linear && iteration > 0)
            {
                // One solve is exact for a linear circuit; the load above refreshed the charges at it.
                return true;
            }

            bool chord = false;

            // A chord step must shrink the update at least tenfold, or Newton takes over again.
            bool contracting = !lastWasChord || ratio <= ChordContraction * previousRatio;
            if (iteration > 0 && deltaConverged && !limited && ResidualConverged())
            {
                if (!polish || strictDelta || polishLeft-- <= 0)
                {
                    return true;
                }

                // Polishing a converged point: the Jacobian has stopped changing, so the last
                // factorisation serves for a residual correction (a chord step). One that stops
                // contracting at a negligible update (or whose contraction leaves a negligible error:
                // with contraction θ the error after it is about θ/(1 − θ) of its update) has reached
                // the rounding floor, and so has a
                // full Newton step from a point converged far below the tolerance that does not shrink the update
                // tenfold (there it would shrink it quadratically): the rest is the rounding of the
                // factorisation (a 128×128 1T1R INV stalls at 1e-6 of the tolerance).
                if ((!contracting && RemainingAfterChord(ratio, previousRatio) <= NegligibleRatio)
                    || (!lastWasChord && previousRatio <= DeepRatio && ratio > ChordContraction * previousRatio))
                {
                    return true;
                }

                chord = contracting;
            }
            else if (polish && iteration >= 2 && !limited && ratio <= ChordRatio)
            {
                // Nearly converged (every update within a few SPICE tolerances): a chord step is
                // far cheaper than a new factorisation of a large circuit.
                chord = contracting;
            }

            lastWasChord = chord;

            if (iteration >= maxIterations)
            {
                LastWorstUnknowns = DescribeWorst(_previous, x, n, o);
                return false;
            }

            if (!Step(chord, load, n, krylov: TriesKrylov(chord, iteration, limited)))
            {
                return false;
            }

            iteration++;
            if (!AllFinite(_next, n))
            {
                LastWorstUnknowns = "solution became infinite or NaN";
                return false;
            }

            if (!linear)
            {
                previousRatio = ratio;
                (deltaConverged, strictDelta, ratio) = CompareUpdate(x, _next, n, o);
                Array.Copy(x, _previous, n);
            }

            Array.Copy(_next, x, n);
        }
    }

    /// <summary>
    /// Newton from the present solution of a nonlinear circuit whose inputs changed since its last solve: chord steps
    /// on the last factorisation while each shrinks the update by at least <see cref="ContinuationContraction"/>,
    /// full Newton steps (new factorisations) once one does not. Converges on the same update and residual tests as
    /// <see cref="Solve"/>. A circuit re-solved for a new right-hand side (an array operated again with new inputs)
    /// mostly needs no factorisation at all: its Jacobian hardly moves.
    /// </summary>
    /// <param name="maxIterations">Iteration limit.</param>
    /// <param name="finalRatio">Largest last update, in SPICE tolerances, at which to stop (1: SPICE's own test).</param>
    /// <returns>True when converged.</returns>
    /// <param name="startWithChord">False: the first step is a full Newton step (the matrix is known to have moved,
    /// e.g. new integration coefficients); chord steps follow on its factorisation. Without a factorisation (a new
    /// slot of the factorisation cache) the first step is a full one whatever this says.</param>
    /// <param name="estimateRemaining">
    /// Stop on the estimated error left after the last update instead of the update itself: with θ = uₖ/uₖ₋₁ the
    /// contraction of the last two updates (θ &lt; 1), the iterate after uₖ is off by about uₖ·θ/(1 − θ), and that
    /// must be at most <paramref name="finalRatio"/> (the stopping test of simplified Newton in implicit
    /// Runge–Kutta codes: Hairer and Wanner, Solving ODEs II, §IV.8). A chord iteration that contracts a
    /// hundredfold per step then stops one step earlier than on the update alone, at the same accuracy.
    /// </param>
    public bool Continue(int maxIterations, double finalRatio = ContinuationFinalRatio, bool startWithChord = true, bool estimateRemaining = false)
    {
        Circuit c = _circuit;
        if (!c.IsNonlinear)
        {
            return Solve(maxIterations, 0, false, false);
        }

        startWithChord &= c.HasFactor;

        LoadContext load = c.Load;
        SimulationOptions o = c.Options;
        int n = c.Size;
        double[] x = load.Solution;
        x[n] = 0;
        LastSingular = null;
        load.InitializeJunctions = false;
        bool chord = startWithChord;
        bool deltaConverged = false;
        double ratio = double.PositiveInfinity;
        double remaining = double.PositiveInfinity;
        for (int iteration = 0; ; iteration++)
        {
            c.LoadAll(0);
            if (load.NonFinite is { } nonFinite)
            {
                LastWorstUnknowns = nonFinite;
                FirstNonFinite ??= nonFinite;
                return false;
            }

            bool limited = load.Limited;
            if (iteration > 0 && ((deltaConverged && ratio <= finalRatio) || remaining <= finalRatio) && !limited && ResidualConverged())
            {
                return true;
            }

            if (iteration >= maxIterations)
            {
                LastWorstUnknowns = DescribeWorst(_previous, x, n, o);
                return false;
            }

            if (!Step(chord, load, n))
            {
                return false;
            }

            if (!AllFinite(_next, n))
            {
                LastWorstUnknowns = "solution became infinite or NaN";
                return false;
            }

            double previousRatio = ratio;
            (deltaConverged, _, ratio) = CompareUpdate(x, _next, n, o);
            double theta = ratio / previousRatio;
            remaining = estimateRemaining && double.IsFinite(previousRatio) && theta < 1 ? ratio * theta / (1 - theta) : double.PositiveInfinity;

            // A chord step that does not contract hands one step to full Newton, after which chords resume on the new factorisation.
            chord = !chord || iteration == 0 || ratio <= ContinuationContraction * previousRatio || deltaConverged;

            Array.Copy(x, _previous, n);
            Array.Copy(_next, x, n);
        }
    }

    /// <summary>
    /// The error left after a chord step whose update was <paramref name="ratio"/> after one of <paramref name="previous"/>
    /// (in SPICE tolerances): with the contraction θ = ratio/previous of a linearly converging iteration, about
    /// θ/(1 − θ)·ratio; the update itself when it did not contract at all.
    /// </summary>
    private static double RemainingAfterChord(double ratio, double previous)
    {
        double theta = previous > 0 ? ratio / previous : 1;
        return theta < 1 ? theta / (1 - theta) * ratio : ratio;
    }

    /// <summary>
    /// One step into <c>_next</c>: a chord step on the last factorisation, or a full Newton step (factor the loaded
    /// matrix, solve). False when the matrix is singular (<see cref="LastSingular"/>).
    /// </summary>
    private bool Step(bool chord, LoadContext load, int n, bool krylov = false)
    {
        Circuit c = _circuit;
        if (chord)
        {
            ChordStep(load, n);
            c.Statistics.PolishIterations++;
        }
        else if (krylov && KrylovStep(load, n))
        {
            c.Statistics.KrylovSteps++;
        }
        else
        {
            Array.Copy(load.Rhs, _next, n);
            _next[n] = 0;
            try
            {
                c.FactorLoaded();
            }
            catch (SimulationException ex) when (ex.InnerException is SingularMatrixException)
            {
                LastSingular = ex;
                LastWorstUnknowns = ex.Message;
                return false;
            }

            Capture?.Record(load.Matrix, _next, c.Statistics.NewtonIterations + 1);
            c.Solver.Solve(_next.AsSpan(0, n));
            Capture?.RecordSolution(_next);
        }

        c.Statistics.NewtonIterations++;
        return true;
    }

    /// <summary>
    /// A Newton step without a new factorisation: J·d = b − J·x solved by GMRES preconditioned with the last
    /// factorisation J₀ (<see cref="PreconditionedGmres"/>) to <see cref="KrylovTolerance"/>, x + d into
    /// <c>_next</c>. J₀, made at an earlier iterate, is close to J: GMRES needs a few solves with it where a new
    /// factorisation of a large array costs twenty or more. False when it does not converge in
    /// <see cref="KrylovDimension"/> iterations (the caller then factors).
    /// </summary>
    private bool KrylovStep(LoadContext load, int n)
    {
        _krylov ??= new PreconditionedGmres(n, KrylovDimension);
        double[] r = _krylovResidual ??= new double[n];
        double[] d = _krylovStep ??= new double[n];
        Residual(load, n, r);
        ILinearSolver solver = _circuit.Solver;
        if (!_krylov.Solve((v, y) => MultiplyJacobian(load, v, y), v => solver.SolveWithoutRefinement(v), r, d, KrylovTolerance))
        {
            return false;
        }

        double[] x = load.Solution;
        for (int i = 0; i < n; i++)
        {
            _next[i] = x[i] + d[i];
        }

        _next[n] = 0;
        return true;
    }

    /// <summary>Whether a full Newton step of the operating point is first tried as a <see cref="KrylovStep"/>: a factorisation
    /// of at least <see cref="KrylovMinimumFactor"/> entries to precondition with, no junction limiting at this iterate,
    /// and no matrix capture (<c>--dump-matrix</c> records the system it factors).</summary>
    private bool TriesKrylov(bool chord, int iteration, bool limited)
    {
        Circuit c = _circuit;
        return !chord && iteration >= 1 && !limited && Capture is null && c.HasFactor && c.Solver.Statistics.FactorNonzeros >= KrylovMinimumFactor;
    }

    /// <summary>b − J·x of the present load into <paramref name="target"/>[0, n).</summary>
    private void Residual(LoadContext load, int n, double[] target)
    {
        double[] x = load.Solution;
        double[] m = load.Matrix;
        int[] rows = _circuit.Pattern.Rows;
        int[] cols = _circuit.Pattern.Columns;
        Array.Copy(load.Rhs, target, n);
        for (int h = 1; h < rows.Length; h++)
        {
            target[rows[h]] -= m[h] * x[cols[h]];
        }
    }

    /// <summary>y = J·v with J the present load's matrix.</summary>
    private void MultiplyJacobian(LoadContext load, double[] v, double[] y)
    {
        double[] m = load.Matrix;
        int[] rows = _circuit.Pattern.Rows;
        int[] cols = _circuit.Pattern.Columns;
        Array.Clear(y);
        for (int h = 1; h < rows.Length; h++)
        {
            y[rows[h]] += m[h] * v[cols[h]];
        }
    }

    /// <summary>
    /// x + J₀⁻¹·(b − J·x) into <c>_next</c>, with J and b the present load and J₀ the last
    /// factorisation: a Newton step without refactoring, used once the iteration has converged
    /// and only polishes.
    /// </summary>
    /// <remarks>The solve skips the linear solver's iterative refinement: a chord step is itself a step of
    /// refinement, against the true residual, so the next one corrects what this one's rounding leaves (the full
    /// step that made J₀ was solved with the refinement and its backward-error check).</remarks>
    private void ChordStep(LoadContext load, int n)
    {
        double[] x = load.Solution;
        Residual(load, n, _next);
        _next[n] = 0;
        _circuit.Solver.SolveWithoutRefinement(_next.AsSpan(0, n));
        for (int i = 0; i < n; i++)
        {
            _next[i] += x[i];
        }
    }

    private void ApplyClamps(LoadContext load)
    {
        foreach (var (unknown, value) in Clamps)
        {
            load.Matrix[_circuit.DiagonalHandles[unknown]] += ClampConductance;
            load.Rhs[unknown] += ClampConductance * value;
        }
    }

    private (bool Converged, bool Strict, double WorstRatio) CompareUpdate(double[] x, double[] next, int n, SimulationOptions o)
    {
        bool strict = true;
        double worst = 0;
        UnknownMap map = _circuit.Unknowns;
        for (int i = 0; i < n; i++)
        {
            double a = next[i];
            double b = x[i];
            double diff = Math.Abs(a - b);
            double scale = Math.Max(Math.Abs(a), Math.Abs(b));
            double abs = map.KindOf(i) == UnknownKind.Current ? o.AbsoluteTolerance : o.VoltageTolerance;
            double tol = (o.RelativeTolerance * scale) + abs;
            double r = diff / tol;
            if (!(r <= worst))
            {
                worst = r;
            }

            if (diff > (o.PolishTolerance * scale) + (abs * 1e-6))
            {
                strict = false;
            }
        }

        return (worst <= 1, strict, worst);
    }

    /// <summary>The unknowns that moved most in the last iteration (from <paramref name="x"/> to <paramref name="next"/>), for failure messages.</summary>
    private string DescribeWorst(double[] x, double[] next, int n, SimulationOptions o)
    {
        UnknownMap map = _circuit.Unknowns;
        var ranked = new List<(double Ratio, int Index)>();
        for (int i = 0; i < n; i++)
        {
            double scale = Math.Max(Math.Abs(next[i]), Math.Abs(x[i]));
            double abs = map.KindOf(i) == UnknownKind.Current ? o.AbsoluteTolerance : o.VoltageTolerance;
            double ratio = Math.Abs(next[i] - x[i]) / ((o.RelativeTolerance * scale) + abs);
            if (ratio > 1)
            {
                ranked.Add((ratio, i));
            }
        }

        if (ranked.Count == 0)
        {
            return "the update converged but the KCL residual stayed above tolerance";
        }

        return string.Join(", ", ranked.OrderByDescending(r => r.Ratio).Take(3)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{map.Describe(r.Index)} (last value {next[r.Index]:G6}, step {next[r.Index] - x[r.Index]:G3})")));
    }

    /// <summary>KCL residual of the system linearised at the current iterate, row by row against SPICE tolerances.</summary>
    private bool ResidualConverged()
    {
        Circuit c = _circuit;
        LoadContext load = c.Load;
        SimulationOptions o = c.Options;
        int n = c.Size;
        double[] x = load.Solution;
        double[] m = load.Matrix;
        double[] rhs = load.Rhs;
        int[] rows = c.Pattern.Rows;
        int[] cols = c.Pattern.Columns;
        Span<double> residual = _next.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            residual[i] = -rhs[i];
            _rowScale[i] = Math.Abs(rhs[i]);
        }

        for (int h = 1; h < rows.Length; h++)
        {
            double term = m[h] * x[cols[h]];
            residual[rows[h]] += term;
            _rowScale[rows[h]] = Math.Max(_rowScale[rows[h]], Math.Abs(term));
        }

        UnknownMap map = c.Unknowns;
        for (int i = 0; i < n; i++)
        {
            double abs = map.KindOf(i) == UnknownKind.Voltage ? o.AbsoluteTolerance : o.VoltageTolerance;
            if (Math.Abs(residual[i]) > (o.RelativeTolerance * _rowScale[i]) + abs)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllFinite(double[] v, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                return false;
            }
        }

        return true;
    }
}
