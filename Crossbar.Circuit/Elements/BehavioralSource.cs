using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// Behavioural source (ngspice B element): <c>V={f(x, t)}</c> sets v(p) − v(n) = f, with its
/// current as a branch unknown; <c>I={f(x, t)}</c> drives a current f from p through the source
/// to n. f reads node voltages, branch currents and time, and is linearised exactly for Newton.
/// </summary>
/// <remarks>
/// Newton stamp with x⁰ the iterate, f⁰ = f(x⁰) and g_k = ∂f/∂x_k (from <see cref="BehavioralFunction"/>):
/// current form, f(x) ≈ f⁰ + Σ g_k (x_k − x_k⁰): row p gets +g_k in column k and −(f⁰ − Σ g_k x_k⁰) on
/// the right, row n the opposite. Voltage form: rows p/n get ±1 in the branch column; the branch row
/// is v(p) − v(n) − Σ g_k x_k = f⁰ − Σ g_k x_k⁰. In AC the same g_k are the small-signal gains.
/// </remarks>
public sealed class BehavioralSource : CircuitElement
{
    private readonly string _plusName;
    private readonly string _minusName;
    private readonly BehavioralFunction _function;
    private readonly int[] _unknowns;
    private readonly double[] _values;
    private readonly double[] _gradient;
    private int[] _plusHandles = [];
    private int[] _minusHandles = [];
    private int _p;
    private int _n;
    private int _pb;
    private int _nb;
    private int _bp;
    private int _bn;

    /// <summary>Creates a B source.</summary>
    /// <param name="name">Element name.</param>
    /// <param name="plus">Node p.</param>
    /// <param name="minus">Node n.</param>
    /// <param name="isVoltage">True for <c>V=</c>, false for <c>I=</c>.</param>
    /// <param name="function">The compiled expression.</param>
    public BehavioralSource(string name, string plus, string minus, bool isVoltage, BehavioralFunction function)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(function);
        _plusName = plus;
        _minusName = minus;
        IsVoltage = isVoltage;
        _function = function;
        int k = function.Variables.Count;
        _unknowns = new int[k];
        _values = new double[k];
        _gradient = new double[k];
    }

    /// <summary>True for a voltage source, false for a current source.</summary>
    public bool IsVoltage { get; }

    /// <summary>The compiled expression.</summary>
    public BehavioralFunction Function => _function;

    /// <summary>Branch-current unknown of a voltage-form source (−1 for the current form).</summary>
    public int Branch { get; private set; } = -1;

    /// <inheritdoc />
    public override bool IsNonlinear => true;

    /// <inheritdoc />
    public override bool IsTimeDependent => _function.UsesTime;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_plusName);
        _n = unknowns.Node(_minusName);
        if (IsVoltage)
        {
            Branch = unknowns.Branch(Name);
        }

        for (int k = 0; k < _unknowns.Length; k++)
        {
            BehavioralVariable variable = _function.Variables[k];
            _unknowns[k] = variable.IsCurrent ? -1 : unknowns.Node(variable.Name);
        }
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _p = context.Slot(_p);
        _n = context.Slot(_n);
        for (int k = 0; k < _unknowns.Length; k++)
        {
            BehavioralVariable variable = _function.Variables[k];
            _unknowns[k] = variable.IsCurrent
                ? context.Unknowns.FindBranch(variable.Name)
                    ?? throw new SimulationException($"{Name}: i({variable.Name}) names no voltage source or other element with a branch current in this circuit")
                : context.Slot(_unknowns[k]);
        }

        int rowPlus = IsVoltage ? Branch : _p;
        int rowMinus = IsVoltage ? context.Ground : _n;
        _plusHandles = new int[_unknowns.Length];
        _minusHandles = new int[_unknowns.Length];
        for (int k = 0; k < _unknowns.Length; k++)
        {
            _plusHandles[k] = context.Entry(rowPlus, _unknowns[k]);
            _minusHandles[k] = context.Entry(rowMinus, _unknowns[k]);
        }

        if (IsVoltage)
        {
            _pb = context.Entry(_p, Branch);
            _nb = context.Entry(_n, Branch);
            _bp = context.Entry(Branch, _p);
            _bn = context.Entry(Branch, _n);
        }
    }

    /// <summary>Value and gradient of the expression at an iterate (ground slot last).</summary>
    /// <param name="solution">The iterate.</param>
    /// <param name="time">Time in s.</param>
    /// <param name="gradient">Receives ∂f/∂x_k for <see cref="BehavioralFunction.Variables"/>.</param>
    /// <returns>f.</returns>
    public double Evaluate(double[] solution, double time, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(solution);
        for (int k = 0; k < _unknowns.Length; k++)
        {
            _values[k] = solution[_unknowns[k]];
        }

        return _function.Evaluate(_values, time, gradient);
    }

    private bool IsFinite(double f)
    {
        if (!double.IsFinite(f))
        {
            return false;
        }

        for (int k = 0; k < _unknowns.Length; k++)
        {
            if (!double.IsFinite(_gradient[k]))
            {
                return false;
            }
        }

        return true;
    }

    private string DescribeNonFinite(double f)
    {
        var at = new System.Text.StringBuilder();
        for (int k = 0; k < _unknowns.Length; k++)
        {
            BehavioralVariable variable = _function.Variables[k];
            at.Append(k == 0 ? " at " : ", ").Append(variable.IsCurrent ? "i(" : "v(").Append(variable.Name).Append(") = ")
                .Append(_values[k].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        }

        string what = double.IsFinite(f) ? "an infinite or NaN derivative" : double.IsNaN(f) ? "NaN" : "infinity";
        return $"{Name}: expression gives {what}{at}";
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] x = context.Solution;
        double time = context.Mode == AnalysisMode.Transient ? context.Time : 0;
        double f = Evaluate(x, time, _gradient);
        if (!IsFinite(f))
        {
            // Not a fatal error: this iterate failed (Newton reports it and the caller backs off,
            // steps gmin or the sources, or shortens the time step), as ngspice fails an iteration
            // whose B-source expression is out of range. The stamp keeps its pattern with f = 0.
            context.NonFinite ??= DescribeNonFinite(f);
            f = 0;
            _gradient.AsSpan(0, _unknowns.Length).Clear();
        }

        if (_function.HitPole)
        {
            context.Limited = true;
        }

        double linear = 0;
        double[] m = context.Matrix;
        for (int k = 0; k < _unknowns.Length; k++)
        {
            double g = _gradient[k];
            linear += g * x[_unknowns[k]];
            if (IsVoltage)
            {
                m[_plusHandles[k]] -= g;
            }
            else
            {
                m[_plusHandles[k]] += g;
                m[_minusHandles[k]] -= g;
            }
        }

        double equivalent = f - linear;
        if (IsVoltage)
        {
            m[_pb] += 1;
            m[_nb] -= 1;
            m[_bp] += 1;
            m[_bn] -= 1;
            context.Rhs[Branch] += equivalent;
        }
        else
        {
            context.Rhs[_p] -= equivalent;
            context.Rhs[_n] += equivalent;
        }
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        Evaluate(context.OperatingPoint, 0, _gradient);
        var m = context.Matrix;
        for (int k = 0; k < _unknowns.Length; k++)
        {
            double g = _gradient[k];
            if (IsVoltage)
            {
                m[_plusHandles[k]] -= g;
            }
            else
            {
                m[_plusHandles[k]] += g;
                m[_minusHandles[k]] -= g;
            }
        }

        if (IsVoltage)
        {
            m[_pb] += 1;
            m[_nb] -= 1;
            m[_bp] += 1;
            m[_bn] -= 1;
        }
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology)
    {
        if (IsVoltage)
        {
            topology.VoltageBranch(_p, _n, Name);
            return;
        }

        bool self = false;
        for (int k = 0; k < _unknowns.Length; k++)
        {
            self |= _unknowns[k] == _p || _unknowns[k] == _n;
        }

        if (self)
        {
            topology.DcPath(_p, _n);
        }
    }
}
