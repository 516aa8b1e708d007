namespace Crossbar.Devices.Rram;

/// <summary>
/// VTEAM state dynamics and I–V of a voltage-controlled memristor, for programming transients in which
/// the circuit engine carries the state w as an unknown.
/// </summary>
/// <remarks>
/// Kvatinsky, Ramadan, Friedman and Kolodny, IEEE TCAS-II 62, 786 (2015), eq. (1):
/// <code>
/// dw/dt = k_off·(v/v_off − 1)^α_off·f_off(w)   for 0 &lt; v_off &lt; v
///       = 0                                    for v_on &lt; v &lt; v_off
///       = k_on ·(v/v_on − 1)^α_on ·f_on(w)     for v &lt; v_on &lt; 0
/// I = G(w)·v
/// </code>
/// with the window f and the map G(w) chosen in <see cref="VteamParameters"/>. The rate and its partial
/// derivatives are evaluated exactly as written, without clamping w, so that they are smooth for Newton;
/// the Biolek, Joglekar and Kvatinsky windows vanish (or nearly so) at the bounds and turn the motion back
/// beyond them. An integrator should still keep w within [w_on, w_off] with <see cref="ClampState"/> after each
/// accepted step (with <see cref="VteamWindow.None"/> that clamp is the only bound). Outside [w_on, w_off] the
/// linear conductance map can extrapolate to negative values.
/// </remarks>
public sealed class VteamModel
{
    private readonly double _width;
    private readonly double _logRatio;

    /// <summary>Creates the model and checks the parameters against each other.</summary>
    /// <param name="parameters">Model parameters (null gives the defaults).</param>
    /// <exception cref="ArgumentException">w_off ≤ w_on or G_off ≥ G_on.</exception>
    public VteamModel(VteamParameters? parameters = null)
    {
        Parameters = parameters ?? new VteamParameters();
        if (!(Parameters.OffStateBound > Parameters.OnStateBound))
        {
            throw new ArgumentException(
                $"OffStateBound ({Guard.Format(Parameters.OffStateBound)} m) must exceed OnStateBound ({Guard.Format(Parameters.OnStateBound)} m).",
                nameof(parameters));
        }

        if (!(Parameters.MinConductance < Parameters.MaxConductance))
        {
            throw new ArgumentException(
                $"MinConductance ({Guard.Format(Parameters.MinConductance)} S) must be below MaxConductance ({Guard.Format(Parameters.MaxConductance)} S).",
                nameof(parameters));
        }

        _width = Parameters.OffStateBound - Parameters.OnStateBound;
        _logRatio = Math.Log(Parameters.MaxConductance / Parameters.MinConductance);
    }

    /// <summary>The parameters.</summary>
    public VteamParameters Parameters { get; }

    /// <summary>Clamps a state into [w_on, w_off].</summary>
    /// <param name="state">State w (m).</param>
    /// <returns>The clamped state (m).</returns>
    public double ClampState(double state) => Math.Clamp(state, Parameters.OnStateBound, Parameters.OffStateBound);

    /// <summary>State rate dw/dt.</summary>
    /// <param name="voltage">Voltage v across the device (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>dw/dt (m/s).</returns>
    public double StateDerivative(double voltage, double state) => Evaluate(voltage, state).StateRate;

    /// <summary>∂(dw/dt)/∂v.</summary>
    /// <param name="voltage">Voltage v (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>m/(s·V).</returns>
    public double StateDerivativeVoltagePartial(double voltage, double state) => Evaluate(voltage, state).StateRateVoltageDerivative;

    /// <summary>∂(dw/dt)/∂w.</summary>
    /// <param name="voltage">Voltage v (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>1/s.</returns>
    public double StateDerivativeStatePartial(double voltage, double state) => Evaluate(voltage, state).StateRateStateDerivative;

    /// <summary>Current I = G(w)·v.</summary>
    /// <param name="voltage">Voltage v (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>Current (A).</returns>
    public double Current(double voltage, double state) => StateConductance(state) * voltage;

    /// <summary>∂I/∂v = G(w).</summary>
    /// <param name="voltage">Voltage v (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>Siemens.</returns>
    public double CurrentVoltagePartial(double voltage, double state) => StateConductance(state);

    /// <summary>∂I/∂w = G'(w)·v.</summary>
    /// <param name="voltage">Voltage v (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>A/m.</returns>
    public double CurrentStatePartial(double voltage, double state) => StateConductanceDerivative(state) * voltage;

    /// <summary>Conductance G(w) of the state map.</summary>
    /// <param name="state">State w (m).</param>
    /// <returns>Siemens.</returns>
    public double StateConductance(double state)
    {
        var p = Parameters;
        double x = (state - p.OnStateBound) / _width;
        return p.ConductanceMap switch
        {
            VteamConductanceMap.LinearConductance => p.MaxConductance + ((p.MinConductance - p.MaxConductance) * x),
            VteamConductanceMap.LinearResistance => 1.0 / ((1.0 / p.MaxConductance) + (((1.0 / p.MinConductance) - (1.0 / p.MaxConductance)) * x)),
            _ => p.MaxConductance * Math.Exp(-_logRatio * x),
        };
    }

    /// <summary>dG/dw of the state map.</summary>
    /// <param name="state">State w (m).</param>
    /// <returns>S/m.</returns>
    public double StateConductanceDerivative(double state)
    {
        var p = Parameters;
        double x = (state - p.OnStateBound) / _width;
        switch (p.ConductanceMap)
        {
            case VteamConductanceMap.LinearConductance:
                return (p.MinConductance - p.MaxConductance) / _width;
            case VteamConductanceMap.LinearResistance:
                double slope = ((1.0 / p.MinConductance) - (1.0 / p.MaxConductance)) / _width;
                double r = (1.0 / p.MaxConductance) + (slope * _width * x);
                return -slope / (r * r);
            default:
                return -_logRatio / _width * p.MaxConductance * Math.Exp(-_logRatio * x);
        }
    }

    /// <summary>Inverse of the state map: the state whose conductance is <paramref name="conductance"/>.</summary>
    /// <param name="conductance">Conductance (S), within [G_off, G_on].</param>
    /// <returns>State w (m).</returns>
    /// <exception cref="ArgumentException">The conductance lies outside [G_off, G_on].</exception>
    public double StateForConductance(double conductance)
    {
        var p = Parameters;
        Guard.InRange(conductance, p.MinConductance, p.MaxConductance, nameof(conductance));
        double x = p.ConductanceMap switch
        {
            VteamConductanceMap.LinearConductance => (conductance - p.MaxConductance) / (p.MinConductance - p.MaxConductance),
            VteamConductanceMap.LinearResistance => ((1.0 / conductance) - (1.0 / p.MaxConductance)) / ((1.0 / p.MinConductance) - (1.0 / p.MaxConductance)),
            _ => Math.Log(p.MaxConductance / conductance) / _logRatio,
        };
        return p.OnStateBound + (x * _width);
    }

    /// <summary>Evaluates current, state rate and all their partial derivatives at once.</summary>
    /// <param name="voltage">Voltage v across the device (V).</param>
    /// <param name="state">State w (m).</param>
    /// <returns>The values and Jacobian entries.</returns>
    public VteamEvaluation Evaluate(double voltage, double state)
    {
        var p = Parameters;
        double g = StateConductance(state);
        double dg = StateConductanceDerivative(state);

        double rate = 0.0, rateDv = 0.0, rateDw = 0.0;
        if (voltage > p.OffThresholdVoltage)
        {
            double u = (voltage / p.OffThresholdVoltage) - 1.0;
            double drive = p.OffRateConstant * Math.Pow(u, p.OffExponent);
            double driveDv = p.OffRateConstant * p.OffExponent * Math.Pow(u, p.OffExponent - 1.0) / p.OffThresholdVoltage;
            (double f, double df) = OffWindow(state);
            rate = drive * f;
            rateDv = driveDv * f;
            rateDw = drive * df;
        }
        else if (voltage < p.OnThresholdVoltage)
        {
            double u = (voltage / p.OnThresholdVoltage) - 1.0;
            double drive = p.OnRateConstant * Math.Pow(u, p.OnExponent);
            double driveDv = p.OnRateConstant * p.OnExponent * Math.Pow(u, p.OnExponent - 1.0) / p.OnThresholdVoltage;
            (double f, double df) = OnWindow(state);
            rate = drive * f;
            rateDv = driveDv * f;
            rateDw = drive * df;
        }

        return new VteamEvaluation(g * voltage, g, dg * voltage, rate, rateDv, rateDw);
    }

    /// <summary>Window value and its derivative with respect to w for motion toward w_off.</summary>
    private (double Value, double StateDerivative) OffWindow(double state)
    {
        var p = Parameters;
        double x = (state - p.OnStateBound) / _width;
        int n = 2 * p.WindowExponent;
        switch (p.Window)
        {
            case VteamWindow.Joglekar:
                return Joglekar(x, n);
            case VteamWindow.Biolek:
                return (1.0 - Math.Pow(x, n), -n * Math.Pow(x, n - 1) / _width);
            case VteamWindow.Kvatinsky:
                double e = Math.Exp((state - p.OffWindowPosition) / p.WindowWidth);
                double f = Math.Exp(-e);
                return (f, -f * e / p.WindowWidth);
            default:
                return (1.0, 0.0);
        }
    }

    /// <summary>Window value and its derivative with respect to w for motion toward w_on.</summary>
    private (double Value, double StateDerivative) OnWindow(double state)
    {
        var p = Parameters;
        double x = (state - p.OnStateBound) / _width;
        int n = 2 * p.WindowExponent;
        switch (p.Window)
        {
            case VteamWindow.Joglekar:
                return Joglekar(x, n);
            case VteamWindow.Biolek:
                return (1.0 - Math.Pow(x - 1.0, n), -n * Math.Pow(x - 1.0, n - 1) / _width);
            case VteamWindow.Kvatinsky:
                double e = Math.Exp(-(state - p.OnWindowPosition) / p.WindowWidth);
                double f = Math.Exp(-e);
                return (f, f * e / p.WindowWidth);
            default:
                return (1.0, 0.0);
        }
    }

    private (double Value, double StateDerivative) Joglekar(double x, int n)
    {
        double y = (2.0 * x) - 1.0;
        return (1.0 - Math.Pow(y, n), -2.0 * n * Math.Pow(y, n - 1) / _width);
    }
}
