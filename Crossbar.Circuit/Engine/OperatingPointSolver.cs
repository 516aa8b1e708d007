namespace Crossbar.Circuit.Engine;

/// <summary>
/// Finds a DC operating point: plain Newton from the junction initial guesses, then gmin
/// stepping, then source stepping, as SPICE does. A failure names the unknowns that did not
/// converge; a singular matrix names the floating node or voltage-source loop.
/// </summary>
/// <remarks>
/// With <c>.nodeset</c> guesses (<see cref="Circuit.Nodesets"/>) the first Newton solve and the gmin steps hold
/// those nodes at their guesses through a conductance of <see cref="NewtonSolver.ClampConductance"/> to the guess; Newton then
/// goes on from the point found with them released, as ngspice does (its cktload.c holds the nodesets in the
/// MODEINITJCT and MODEINITFIX iterations only, and the MODEINITFLOAT ones that finish the point run without them).
/// A nodeset thus only picks which solution Newton finds (the state of a latch); the answer solves the circuit's
/// own equations.
/// </remarks>
internal sealed class OperatingPointSolver
{
    private readonly Circuit _circuit;
    private readonly NewtonSolver _newton;

    /// <param name="circuit">The circuit.</param>
    /// <param name="analysis">
    /// The analysis the operating point is for, named at the start of a failure message
    /// (".op", ".tran initial operating point"), or null where the caller names it (a DC sweep point).
    /// </param>
    public OperatingPointSolver(Circuit circuit, string? analysis)
    {
        _circuit = circuit;
        _newton = new NewtonSolver(circuit);
        _analysis = analysis is null ? string.Empty : analysis + ": ";
    }

    private readonly string _analysis;

    /// <summary>The Newton solver (shared with DC sweeps and transient for clamps and diagnostics).</summary>
    public NewtonSolver Newton => _newton;

    /// <summary>Solves from a zero start with fallbacks; throws <see cref="SimulationException"/> on failure.</summary>
    /// <remarks>
    /// While <see cref="SimulationStatistics.MatrixCapture"/> holds an incomplete snapshot, the Newton steps of this
    /// solve record into it and a converged solve completes it: the first operating point solved after the request.
    /// </remarks>
    public void Solve(bool polish)
    {
        MatrixSnapshot? capture = _circuit.Statistics.MatrixCapture is { IsComplete: false } pending ? pending : null;
        _newton.Capture = capture;
        try
        {
            SolveWithFallbacks(polish);
        }
        finally
        {
            _newton.Capture = null;
        }

        capture?.Complete();
    }

    /// <summary>Newton from the present solution (continuation, e.g. the next DC sweep point); falls back to <see cref="Solve"/>.</summary>
    public void Continue(bool polish)
    {
        SimulationOptions o = _circuit.Options;
        double[] saved = (double[])_circuit.Load.Solution.Clone();
        if (_newton.Solve(o.DcIterationLimit, 0, false, polish))
        {
            return;
        }

        Array.Copy(saved, _circuit.Load.Solution, saved.Length);
        Solve(polish);
    }

    private void SolveWithFallbacks(bool polish)
    {
        Circuit c = _circuit;
        LoadContext load = c.Load;
        SimulationOptions o = c.Options;
        int limit = o.DcIterationLimit;
        _newton.FirstNonFinite = null;

        Array.Clear(load.Solution);
        load.SourceFactor = 1;
        if (c.Nodesets.Count > 0 ? Held(() => _newton.Solve(limit, 0, true, false)) && _newton.Solve(limit, 0, false, polish) : _newton.Solve(limit, 0, true, polish))
        {
            return;
        }

        if (!c.IsNonlinear)
        {
            throw Failure("Newton");
        }

        // A nonlinear circuit can be singular at its first iterate (devices cut off): fall through to gmin stepping.

        // gmin stepping: a conductance from every node to ground, decreasing by decades.
        Array.Clear(load.Solution);
        bool ok = true;
        bool first = true;
        for (double g = Math.Max(o.Gmin, 1e-12) * 1e10; g > o.Gmin * 1.0001 && ok; g /= 10)
        {
            bool initialize = first;
            ok = Held(() => _newton.Solve(limit, g, initialize, false));
            first = false;
        }

        if (ok && _newton.Solve(limit, 0, false, polish))
        {
            return;
        }

        // source stepping: ramp all independent sources from 0 to their values.
        Array.Clear(load.Solution);
        double factor = 0;
        double step = 0.1;
        first = true;
        while (factor < 1)
        {
            double next = Math.Min(1, factor + step);
            load.SourceFactor = next;
            double[] saved = (double[])load.Solution.Clone();
            if (_newton.Solve(limit, 0, first, false))
            {
                factor = next;
                step = Math.Min(step * 2, 0.25);
                first = false;
            }
            else
            {
                Array.Copy(saved, load.Solution, saved.Length);
                step /= 4;
                if (step < 1e-4)
                {
                    load.SourceFactor = 1;
                    throw Failure("Newton, gmin stepping and source stepping");
                }
            }
        }

        load.SourceFactor = 1;
        if (!_newton.Solve(limit, 0, false, polish))
        {
            throw Failure("Newton, gmin stepping and source stepping");
        }
    }

    /// <summary>Runs a solve with the <c>.nodeset</c> nodes held at their guesses besides the present clamps (<c>.ic</c>).</summary>
    private bool Held(Func<bool> solve)
    {
        IReadOnlyList<(int Unknown, double Value)> clamps = _newton.Clamps;
        if (_circuit.Nodesets.Count == 0)
        {
            return solve();
        }

        var held = new List<(int Unknown, double Value)>(clamps);
        foreach (var nodeset in _circuit.Nodesets)
        {
            if (!clamps.Any(c => c.Unknown == nodeset.Unknown))
            {
                held.Add(nodeset);
            }
        }

        _newton.Clamps = held;
        try
        {
            return solve();
        }
        finally
        {
            _newton.Clamps = clamps;
        }
    }

    private SimulationException Failure(string what)
    {
        if (_newton.LastSingular is { } singular)
        {
            return new SimulationException(_analysis + (TopologyDiagnostics.Explain(_circuit) ?? singular.Message), singular.InnerException ?? singular);
        }

        string worst = _newton.LastWorstUnknowns;
        string domain = _newton.FirstNonFinite is { } nonFinite && nonFinite != worst ? $"; first failed iterate: {nonFinite}" : string.Empty;
        return new SimulationException($"{_analysis}operating point did not converge after {what}; not converged: {worst}{domain}");
    }
}
