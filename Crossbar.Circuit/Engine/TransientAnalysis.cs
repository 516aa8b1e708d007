using System.Globalization;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>
/// Transient analysis: initial operating point (or UIC with .ic), then trapezoidal or Gear-2
/// integration with local-truncation-error step control (trtol, chgtol), breakpoints at
/// source corners (landed on exactly, order reset to backward Euler after each), and tmax.
/// </summary>
internal static class TransientAnalysis
{
    /// <param name="circuit">The compiled circuit.</param>
    /// <param name="netlist">The flat netlist (initial conditions).</param>
    /// <param name="card">The .tran card.</param>
    /// <param name="output">Saved vectors.</param>
    /// <param name="chord">
    /// Solve each time point from a linear extrapolation of the last two with chord steps on the last factorisation
    /// (<see cref="NewtonSolver.Continue"/>), refactoring only when a chord step stops contracting. Same convergence
    /// test; for circuits re-simulated many times (<c>CircuitSession</c>). Off for decks, which match ngspice's
    /// full Newton step for step.
    /// </param>
    /// <param name="fixedStep">
    /// Steps of the largest step (tmax) landed on every breakpoint, without truncation-error control: the time grid
    /// then depends only on the deck's times, never on the solution, so transients of a linear circuit for different
    /// source values combine exactly by superposition.
    /// </param>
    /// <param name="quantisedSteps">
    /// Steps taken only from the set tmax·2⁻ᵏ (truncation-error control picks the largest one it allows; after a
    /// breakpoint the step is kept, not cut tenfold), Newton by chord steps from an extrapolated point, and one
    /// factorisation kept per step and order (<see cref="FactorizationCache"/>): a transient of a large, mildly
    /// nonlinear circuit then factors a handful of times instead of once or twice per step. Implies
    /// <paramref name="chord"/>. For the crossbar commands' transients, not for decks (which match ngspice step for step).
    /// </param>
    /// <param name="onTable">Called with the table before its first row (to attach a <see cref="ResultTable.Sink"/>).</param>
    /// <param name="initialPoint">
    /// The operating point at t = 0 when the caller already has it (a circuit re-simulated with sources that are all 0
    /// at t = 0 starts from the same point every time): loaded as the starting state instead of solved again. On
    /// return it holds the operating point this run started from.
    /// </param>
    public static ResultTable Run(Circuit circuit, Netlist netlist, TranAnalysisCard card, OutputSelection output, bool chord = false, bool fixedStep = false, double[]? initialPoint = null, Action<ResultTable>? onTable = null, bool quantisedSteps = false)
    {
        chord |= quantisedSteps;
        AnalysisSize.Check(card, circuit.Options, netlist);
        double tstep = card.Step.Value;
        double tstop = card.Stop.Value;
        double tstart = card.Start?.Value ?? 0;
        double tmax = AnalysisSize.MaxStep(card);
        double delmin = 1e-9 * tmax;
        var columns = new List<string> { "time" };
        columns.AddRange(output.Names);
        var table = new ResultTable("tran", columns);
        onTable?.Invoke(table);

        LoadContext load = circuit.Load;
        Integrator integrator = load.Integrator;
        SimulationOptions o = circuit.Options;
        foreach (CircuitElement e in circuit.Elements)
        {
            e.PrepareTransient(tstep, tstop);
        }

        var op = new OperatingPointSolver(circuit, ".tran initial operating point (time 0)");
        if (initialPoint is { Length: > 0 } && initialPoint.Length == load.Solution.Length && !card.UseInitialConditions && !double.IsNaN(initialPoint[0]))
        {
            // The known operating point: one load at it sets every charge and device state as solving it would.
            initialPoint.CopyTo(load.Solution, 0);
            load.Mode = AnalysisMode.Dc;
            load.Time = 0;
            load.IsTransientOperatingPoint = true;
            circuit.LoadAll(0);
            load.IsTransientOperatingPoint = false;
        }
        else
        {
            InitialPoint(circuit, netlist, card, op);
            if (initialPoint is not null && initialPoint.Length == load.Solution.Length)
            {
                load.Solution.CopyTo(initialPoint, 0);
            }
        }

        integrator.InitializeHistory();

        var breakpoints = new SortedSet<double>();
        foreach (CircuitElement e in circuit.Elements)
        {
            e.AddBreakpoints(0, tstop, tstep, breakpoints);
        }

        breakpoints.Add(tstop);

        double t = 0;
        if (tstart <= 0)
        {
            AddRow(table, output, load.Solution, 0);
        }

        double delta = fixedStep ? tmax : Math.Min(tstop / 100, tstep) / 10;
        delta = Math.Min(delta, tmax);
        if (quantisedSteps)
        {
            delta = Quantise(delta, tmax);
            circuit.KeepFactorizations(FactorizationSlots(circuit));
        }
        for (int k = 0; k < integrator.Deltas.Length; k++)
        {
            integrator.Deltas[k] = delta;
        }

        integrator.Order = 1;
        load.Mode = AnalysisMode.Transient;
        load.UseInitialConditions = false;
        NewtonSolver newton = op.Newton;
        newton.Clamps = [];
        var saved = new double[load.Solution.Length];
        var previous = new double[load.Solution.Length];
        var older = new double[load.Solution.Length];
        int accepted = 0;
        double chordCoefficient = double.NaN;
        int chordOrder = 0;
        double timeEpsilon = 1e-12 * tstop;
        SimulationStatistics stats = circuit.Statistics;

        while (t < tstop - timeEpsilon)
        {
            double nextBreak = NextBreakpoint(breakpoints, t, timeEpsilon);
            bool hitsBreak = false;
            if (t + delta >= nextBreak - timeEpsilon)
            {
                delta = nextBreak - t;
                hitsBreak = true;
            }
            else if (t + (2 * delta) > nextBreak)
            {
                // avoid a sliver step just before a breakpoint: split the remainder in two
                delta = Math.Min(delta, (nextBreak - t) / 2);
            }

            integrator.Deltas[0] = delta;
            integrator.ComputeCoefficients();
            load.Time = t + delta;
            Array.Copy(load.Solution, saved, saved.Length);
            bool converged;
            // Chord steps only on a factorisation made with this step's integration coefficients: a capacitor's
            // companion conductance a0·C changes with the step, and a chord on the wrong one converges to a wrong answer
            // too slowly to notice.
            // (Equal to rounding: the last step onto a breakpoint differs from tmax in its last digits.)
            bool sameCoefficients = quantisedSteps
                ? circuit.SelectFactorization(integrator.Order, integrator.Coefficient0)
                : Math.Abs(integrator.Coefficient0 - chordCoefficient) <= 1e-9 * Math.Abs(chordCoefficient) && integrator.Order == chordOrder;
            chordCoefficient = integrator.Coefficient0;
            chordOrder = integrator.Order;
            if (chord && accepted >= 2)
            {
                Extrapolate(load.Solution, previous, older, delta, integrator.Deltas[1], accepted >= 3 ? integrator.Deltas[2] : 0);

                // New coefficients: one full Newton step refactors, chord steps follow on that factorisation.
                converged = newton.Continue(o.TransientIterationLimit, finalRatio: quantisedSteps ? QuantisedFinalRatio : 1, startWithChord: sameCoefficients, estimateRemaining: quantisedSteps);
            }
            else
            {
                converged = newton.Solve(o.TransientIterationLimit, 0, false, false);
            }

            if (!converged)
            {
                Array.Copy(saved, load.Solution, saved.Length);
                stats.RejectedSteps++;
                delta = quantisedSteps ? Quantise(delta / 8, tmax) : delta / 8;
                integrator.Order = 1;
                if (delta < delmin)
                {
                    throw new SimulationException(string.Create(CultureInfo.InvariantCulture,
                        $"timestep too small at time {t:G9} s (step {delta:G3} s): Newton did not converge; not converged: {newton.LastWorstUnknowns}"));
                }

                continue;
            }

            double allowed = double.PositiveInfinity;
            foreach (CircuitElement e in fixedStep ? [] : circuit.VaryingElements)
            {
                double dt = e.TruncationTimestep(integrator);
                if (dt < allowed)
                {
                    allowed = dt;
                }
            }

            if (allowed < 0.9 * delta && delta > delmin)
            {
                Array.Copy(saved, load.Solution, saved.Length);
                stats.RejectedSteps++;
                delta = Math.Max(allowed, delta / 8);
                delta = quantisedSteps ? Quantise(delta, tmax) : delta;
                if (delta < delmin)
                {
                    throw new SimulationException(string.Create(CultureInfo.InvariantCulture,
                        $"timestep too small at time {t:G9} s: truncation error demands a step below {delmin:G3} s"));
                }

                continue;
            }

            t += delta;
            integrator.Accept();
            stats.AcceptedSteps++;
            accepted++;
            (older, previous) = (previous, older);
            Array.Copy(saved, previous, saved.Length);
            if (t >= tstart - timeEpsilon)
            {
                AddRow(table, output, load.Solution, t);
            }

            double grown = Math.Min(Math.Min(2 * delta, allowed), tmax);
            if (hitsBreak)
            {
                t = nextBreak;
                breakpoints.Remove(nextBreak);

                // Quantised steps keep the trapezoidal rule across a corner of a source: the capacitor currents are
                // continuous there, so its history stays valid, and a backward-Euler restart with a full step would
                // lag (0.5 % of the range with 1 % read noise sampled every other step, measured).
                integrator.Order = quantisedSteps ? 2 : 1;
                double gap = NextBreakpoint(breakpoints, t, timeEpsilon) - t;
                delta = fixedStep ? tmax
                    : quantisedSteps ? Quantise(Math.Min(Math.Min(allowed, tmax), gap), tmax)
                    : Math.Min(grown, 0.1 * Math.Min(delta, gap));
                delta = Math.Max(delta, Math.Min(gap, 10 * delmin));
            }
            else
            {
                integrator.Order = 2;
                delta = quantisedSteps ? Quantise(grown, tmax) : grown;
            }
        }

        return table;
    }

    private static void InitialPoint(Circuit circuit, Netlist netlist, TranAnalysisCard card, OperatingPointSolver op)
    {
        LoadContext load = circuit.Load;
        load.Mode = AnalysisMode.Dc;
        load.Time = 0;
        var clamps = new List<(int, double)>();
        foreach (var (node, value) in netlist.InitialConditions)
        {
            int? index = circuit.Unknowns.FindNode(node);
            if (index is null or < 0)
            {
                throw new SimulationException($".ic names node '{node}', which is not in the circuit");
            }

            clamps.Add((index.Value, value));
        }

        if (card.UseInitialConditions)
        {
            Array.Clear(load.Solution);
            foreach (var (index, value) in clamps)
            {
                load.Solution[index] = value;
            }

            load.UseInitialConditions = true;
            load.IsTransientOperatingPoint = true;
            circuit.LoadAll(0);
            load.IsTransientOperatingPoint = false;
            return;
        }

        op.Newton.Clamps = clamps;
        load.IsTransientOperatingPoint = true;
        try
        {
            op.Solve(polish: false);
        }
        finally
        {
            load.IsTransientOperatingPoint = false;
            op.Newton.Clamps = [];
        }
    }

    /// <summary>
    /// Predicts the next point from the last three (x at t, previous at t − h1, older at t − h1 − h2) by the
    /// quadratic through them at t + h (Lagrange), or the line through the last two when h2 is 0.
    /// </summary>
    private static void Extrapolate(double[] x, double[] previous, double[] older, double h, double h1, double h2)
    {
        if (h2 > 0)
        {
            // Nodes at 0, −h1, −h1−h2; evaluate at h.
            double t1 = -h1, t2 = -h1 - h2;
            double l0 = (h - t1) * (h - t2) / (t1 * t2);
            double l1 = h * (h - t2) / (t1 * (t1 - t2));
            double l2 = h * (h - t1) / (t2 * (t2 - t1));
            for (int i = 0; i < x.Length - 1; i++)
            {
                x[i] = (l0 * x[i]) + (l1 * previous[i]) + (l2 * older[i]);
            }

            return;
        }

        double ratio = h / h1;
        for (int i = 0; i < x.Length - 1; i++)
        {
            x[i] += ratio * (x[i] - previous[i]);
        }
    }

    /// <summary>Last update, in SPICE tolerances, at which a quantised-step transient's chord Newton stops (a tenth: its
    /// iteration error must stay well below what the truncation-error control measures).</summary>
    private const double QuantisedFinalRatio = 0.1;

    /// <summary>Memory allowed for the factorisations a quantised-step transient keeps, in bytes of L+U values.</summary>
    private const double FactorizationBudgetBytes = 2e9;

    /// <summary>The largest step tmax·2⁻ᵏ not above <paramref name="h"/> (tmax itself above it).</summary>
    internal static double Quantise(double h, double tmax)
    {
        if (h >= tmax)
        {
            return tmax;
        }

        int k = (int)Math.Ceiling(Math.Log2(tmax / h) - 1e-12);
        return Math.ScaleB(tmax, -k);
    }

    /// <summary>Factorisations to keep: up to 4 (backward Euler and trapezoidal at two step sizes), as many as
    /// <see cref="FactorizationBudgetBytes"/> of L+U allows, at least 1.</summary>
    private static int FactorizationSlots(Circuit circuit)
    {
        long factor = Math.Max(circuit.Solver.Statistics.FactorNonzeros, circuit.Pattern.Count);
        return (int)Math.Clamp(FactorizationBudgetBytes / (8.0 * factor), 1, 4);
    }

    private static double NextBreakpoint(SortedSet<double> breakpoints, double t, double epsilon)
    {
        foreach (double b in breakpoints.GetViewBetween(t + epsilon, double.PositiveInfinity))
        {
            return b;
        }

        return double.PositiveInfinity;
    }

    private static void AddRow(ResultTable table, OutputSelection output, double[] solution, double time)
    {
        var row = new double[output.Count + 1];
        row[0] = time;
        output.Fill(solution, row.AsSpan(1));
        table.Add(row);
    }
}
