namespace Crossbar.Circuit.Engine;

/// <summary>
/// Owns time integration: the history of charge-like states, the method (trapezoidal or Gear-2
/// with backward Euler for order 1), the step history, and the local-truncation-error estimate.
/// Reactive elements store a charge q in slot s and its current dq/dt in slot s+1, ask
/// <see cref="Integrate"/> for the companion conductance factor and current, and never
/// integrate themselves (Xyce's separation of device and integrator).
/// </summary>
/// <remarks>
/// Coefficients: backward Euler i₀ = (q₀−q₁)/h; trapezoidal i₀ = 2(q₀−q₁)/h − i₁; variable-step
/// BDF2 i₀ = a₀q₀ + a₁q₁ + a₂q₂ with a₀ = (2h₀+h₁)/(h₀(h₀+h₁)), a₁ = −(h₀+h₁)/(h₀h₁),
/// a₂ = h₀/(h₁(h₀+h₁)). Truncation error as SPICE3 CKTterr: divided difference of order k+1 of
/// q, error constants 1/2, 1/12 (trap) and 1/2, 2/9 (Gear), Δt = (trtol·tol / (C·|dd|))^{1/(k+1)}.
/// </remarks>
public sealed class Integrator
{
    private const int History = 4;
    private readonly SimulationOptions _options;
    private readonly double[][] _states;

    internal Integrator(int stateCount, SimulationOptions options)
    {
        _options = options;
        _states = new double[History][];
        for (int k = 0; k < History; k++)
        {
            _states[k] = new double[stateCount];
        }

        Method = options.Method;
    }

    /// <summary>Integration method in use.</summary>
    public IntegrationMethod Method { get; }

    /// <summary>Current order (1 = backward Euler, 2 = trapezoidal or Gear-2).</summary>
    public int Order { get; internal set; } = 1;

    /// <summary>Step sizes: [0] the step being taken, [1] the previous one, ...</summary>
    public double[] Deltas { get; } = new double[History];

    /// <summary>Leading coefficient: dq/dt ≈ Coefficient0·q₀ + (history terms).</summary>
    public double Coefficient0 { get; private set; }

    private double _a1;
    private double _a2;

    /// <summary>States at the point being solved.</summary>
    public double[] State0 => _states[0];

    /// <summary>States at the previous accepted point.</summary>
    public double[] State1 => _states[1];

    /// <summary>Computes the method coefficients for the current step and order.</summary>
    internal void ComputeCoefficients()
    {
        double h0 = Deltas[0];
        if (Order == 1)
        {
            Coefficient0 = 1.0 / h0;
            _a1 = -1.0 / h0;
            _a2 = 0;
        }
        else if (Method == IntegrationMethod.Trapezoidal)
        {
            Coefficient0 = 2.0 / h0;
            _a1 = -2.0 / h0;
            _a2 = 0;
        }
        else
        {
            double h1 = Deltas[1];
            Coefficient0 = ((2 * h0) + h1) / (h0 * (h0 + h1));
            _a1 = -(h0 + h1) / (h0 * h1);
            _a2 = h0 / (h1 * (h0 + h1));
        }
    }

    /// <summary>
    /// Integrates the charge in <paramref name="slot"/> (already written to State0 by the
    /// element): stores dq/dt in slot+1 and returns the companion current
    /// <c>ceq = dq/dt − Coefficient0·q₀</c>, so that the element's current is
    /// <c>Coefficient0·q + ceq</c> and its conductance is <c>Coefficient0·dq/dv</c>.
    /// </summary>
    public double Integrate(int slot)
    {
        double[] s0 = _states[0];
        double[] s1 = _states[1];
        double q0 = s0[slot];
        double current;
        if (Order == 2 && Method == IntegrationMethod.Trapezoidal)
        {
            current = (Coefficient0 * q0) + (_a1 * s1[slot]) - s1[slot + 1];
        }
        else
        {
            current = (Coefficient0 * q0) + (_a1 * s1[slot]) + (_a2 * _states[2][slot]);
        }

        s0[slot + 1] = current;
        return current - (Coefficient0 * q0);
    }

    /// <summary>Largest step the truncation error of the charge in <paramref name="slot"/> allows.</summary>
    public double TruncationTimestep(int slot)
    {
        double[] s0 = _states[0];
        double[] s1 = _states[1];
        double volttol = _options.AbsoluteTolerance + (_options.RelativeTolerance * Math.Max(Math.Abs(s0[slot + 1]), Math.Abs(s1[slot + 1])));
        double chargetol = _options.RelativeTolerance * Math.Max(Math.Max(Math.Abs(s0[slot]), Math.Abs(s1[slot])), _options.ChargeTolerance) / Deltas[0];
        double tol = Math.Max(volttol, chargetol);

        int order = Order;
        Span<double> diff = stackalloc double[History];
        Span<double> span = stackalloc double[History];
        for (int i = 0; i <= order + 1; i++)
        {
            diff[i] = _states[i][slot];
        }

        for (int i = 0; i <= order; i++)
        {
            span[i] = Deltas[i];
        }

        int j = order;
        while (true)
        {
            for (int i = 0; i <= j; i++)
            {
                diff[i] = (diff[i] - diff[i + 1]) / span[i];
            }

            if (--j < 0)
            {
                break;
            }

            for (int i = 0; i <= j; i++)
            {
                span[i] = span[i + 1] + Deltas[i];
            }
        }

        double factor = order == 1 ? 0.5 : Method == IntegrationMethod.Trapezoidal ? 1.0 / 12.0 : 2.0 / 9.0;
        double del = _options.TruncationTolerance * tol / Math.Max(_options.AbsoluteTolerance, factor * Math.Abs(diff[0]));
        return order == 1 ? del : Math.Sqrt(del);
    }

    /// <summary>Accepts the current point: shifts state and step history.</summary>
    internal void Accept()
    {
        double[] oldest = _states[History - 1];
        for (int k = History - 1; k > 0; k--)
        {
            _states[k] = _states[k - 1];
        }

        _states[0] = oldest;
        Array.Copy(_states[1], _states[0], oldest.Length);
        for (int k = History - 1; k > 0; k--)
        {
            Deltas[k] = Deltas[k - 1];
        }
    }

    /// <summary>Copies the operating-point states into the whole history (start of a transient).</summary>
    internal void InitializeHistory()
    {
        for (int k = 1; k < History; k++)
        {
            Array.Copy(_states[0], _states[k], _states[0].Length);
        }
    }
}
