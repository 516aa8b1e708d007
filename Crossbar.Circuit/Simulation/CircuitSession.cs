using Crossbar.Circuit.Elements;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Simulation;

using Circuit = Crossbar.Circuit.Engine.Circuit;

/// <summary>
/// A netlist compiled once and solved many times with new source values: the operating point of an array's circuit
/// for input after input, each started from the last answer and reusing its factorisation (a new right-hand side for
/// a linear circuit; chord Newton steps for a nonlinear one, <see cref="NewtonSolver.Continue"/>), or the deck's
/// transient rerun from t = 0 on the same compiled circuit.
/// </summary>
/// <remarks>
/// What is solved is exactly the netlist: the sources keep their cards and are only multiplied by
/// <see cref="IndependentSource.Scale"/>, so a netlist printed for one input and a session scaled to it are the same
/// circuit. Not thread-safe: one session per thread.
/// </remarks>
public sealed class CircuitSession
{
    private readonly Netlist _flat;
    private readonly Circuit _circuit;
    private readonly OperatingPointSolver _op;
    private readonly List<string> _topLevelSources;
    private readonly Dictionary<string, IndependentSource> _sources;
    private OutputSelection? _opOutput;
    private OutputSelection? _tranOutput;
    private bool _solved;
    private double[]? _initialPoint;
    private readonly bool _startsAtZero;

    private CircuitSession(Netlist flat, Circuit circuit, List<string> topLevelSources)
    {
        _flat = flat;
        _circuit = circuit;
        _topLevelSources = topLevelSources;
        _op = new OperatingPointSolver(circuit, null);
        _sources = new Dictionary<string, IndependentSource>(StringComparer.OrdinalIgnoreCase);
        foreach (CircuitElement e in circuit.Elements)
        {
            if (e is IndependentSource s)
            {
                _sources[s.Name] = s;
            }
        }

        // A transient whose every independent source is 0 at t = 0 (steps from zero) starts from the same operating
        // point whatever the scales: it is solved once and reused.
        _startsAtZero = _sources.Values.All(s => s.Function.HasWaveform && s.Function.Evaluate(0) == 0) && flat.InitialConditions.Count == 0;
    }

    /// <summary>The compiled circuit.</summary>
    public Circuit Circuit => _circuit;

    /// <summary>Counters and timings over every solve of this session.</summary>
    public SimulationStatistics Statistics => _circuit.Statistics;

    /// <summary>Compiles a netlist (subcircuits flattened) without running its analyses.</summary>
    /// <param name="netlist">The deck.</param>
    /// <returns>The session.</returns>
    /// <exception cref="NetlistException">The deck cannot be compiled.</exception>
    public static CircuitSession Compile(Netlist netlist)
    {
        var statistics = new SimulationStatistics();
        (Netlist flat, Circuit circuit, List<string> sources) = CircuitSimulator.Compile(netlist, statistics);
        return new CircuitSession(flat, circuit, sources);
    }

    /// <summary>The independent source of that name.</summary>
    /// <param name="name">Element name (case-insensitive).</param>
    /// <returns>The source; set its <see cref="IndependentSource.Scale"/> to change its value.</returns>
    /// <exception cref="ArgumentException">No such source.</exception>
    public IndependentSource Source(string name)
        => _sources.TryGetValue(name, out IndependentSource? s) ? s : throw new ArgumentException($"the circuit has no independent source '{name}'", nameof(name));

    /// <summary>The crossbar array element of that name (its cells' conductances can be changed between solves).</summary>
    /// <param name="name">Array name (case-insensitive).</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">No such array.</exception>
    public CrossbarArray Array(string name)
        => _circuit.Elements.OfType<CrossbarArray>().FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"the circuit has no crossbar array '{name}'", nameof(name));

    /// <summary>
    /// The DC operating point with the present source values: the first call as <c>.op</c> does (Newton with gmin and
    /// source stepping), later calls from the last answer (<see cref="NewtonSolver.Continue"/>, falling back to the
    /// full procedure).
    /// </summary>
    /// <returns>One row of the netlist's saved vectors (as <c>.op</c> writes them).</returns>
    /// <exception cref="SimulationException">No operating point.</exception>
    public ResultTable OperatingPoint() => OperatingPoint(default);

    /// <summary>
    /// The DC operating point as <see cref="OperatingPoint()"/>, with Newton started from <paramref name="guess"/> (a
    /// prediction of the answer, e.g. by superposition of earlier solutions) instead of the last answer. The guess only
    /// moves the starting point: the answer is converged on the circuit's own equations.
    /// </summary>
    /// <param name="guess">Predicted unknowns (<see cref="Solution"/> order), or empty.</param>
    /// <returns>One row of the netlist's saved vectors.</returns>
    public ResultTable OperatingPoint(ReadOnlySpan<double> guess)
    {
        SimulationStatistics statistics = _circuit.Statistics;
        statistics.OperatingPointTime.Start();
        try
        {
            LoadContext load = _circuit.Load;
            _opOutput ??= OutputSelection.For(_flat, _circuit, "op", _topLevelSources);
            bool fresh = !_solved || load.Mode != AnalysisMode.Dc;
            load.Mode = AnalysisMode.Dc;
            load.Time = 0;
            if (!fresh && guess.Length == _circuit.Size)
            {
                guess.CopyTo(load.Solution);
            }

            if (fresh || !_op.Newton.Continue(_circuit.Options.DcIterationLimit))
            {
                _op.Solve(polish: true);
            }

            _solved = true;
            var row = new double[_opOutput.Count];
            _opOutput.Fill(load.Solution, row);
            var table = new ResultTable("op", _opOutput.Names);
            table.Add(row);
            return table;
        }
        finally
        {
            statistics.OperatingPointTime.Stop();
        }
    }

    private static double[] CreateNaN(int length)
    {
        var a = new double[length];
        System.Array.Fill(a, double.NaN);
        return a;
    }

    /// <summary>The unknowns of the last solve (node voltages, branch currents), a copy.</summary>
    public double[] Solution() => _circuit.Load.Solution.AsSpan(0, _circuit.Size).ToArray();

    /// <summary>The deck's <c>.tran</c> analysis from t = 0 with the present source values.</summary>
    /// <param name="fixedStep">Steps of the largest step on a grid set by the deck's times alone (no truncation-error
    /// control), so that the transients of a linear circuit superpose exactly.</param>
    /// <returns>The transient table (time, then the saved vectors).</returns>
    /// <exception cref="SimulationException">The transient failed.</exception>
    /// <exception cref="InvalidOperationException">The deck has no <c>.tran</c> card.</exception>
    public ResultTable Transient(bool fixedStep = false)
    {
        TranAnalysisCard card = _flat.Analyses.OfType<TranAnalysisCard>().FirstOrDefault()
            ?? throw new InvalidOperationException("the deck has no .tran analysis");
        SimulationStatistics statistics = _circuit.Statistics;
        statistics.TransientTime.Start();
        try
        {
            _tranOutput ??= OutputSelection.For(_flat, _circuit, "tran", _topLevelSources);
            _solved = false;
            if (_startsAtZero)
            {
                _initialPoint ??= CreateNaN(_circuit.Load.Solution.Length);
            }

            return TransientAnalysis.Run(_circuit, _flat, card, _tranOutput, chord: true, fixedStep: fixedStep, initialPoint: _startsAtZero ? _initialPoint : null);
        }
        finally
        {
            statistics.TransientTime.Stop();
        }
    }
}
