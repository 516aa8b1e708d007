namespace Crossbar.Devices.Rram;

/// <summary>Window function f(w) that slows the VTEAM state near its bounds.</summary>
public enum VteamWindow
{
    /// <summary>f(w) = 1: no window (the state is only kept in bounds by clamping).</summary>
    None,

    /// <summary>Joglekar and Wolf (Eur. J. Phys. 30, 661, 2009): f(x) = 1 − (2x − 1)^(2p), both directions.</summary>
    Joglekar,

    /// <summary>
    /// Biolek et al. (Radioengineering 18, 210, 2009), direction-aware: f_off(x) = 1 − x^(2p) while w grows
    /// toward w_off, f_on(x) = 1 − (1 − x)^(2p) while w falls toward w_on; it never sticks at a bound.
    /// </summary>
    Biolek,

    /// <summary>
    /// The window proposed with TEAM/VTEAM (Kvatinsky et al.): f_off(w) = exp(−exp((w − a_off)/w_c)),
    /// f_on(w) = exp(−exp(−(w − a_on)/w_c)).
    /// </summary>
    Kvatinsky,
}

/// <summary>Map from the VTEAM state w to the memristor conductance G(w).</summary>
public enum VteamConductanceMap
{
    /// <summary>G = G_on + (G_off − G_on)·x, x = (w − w_on)/(w_off − w_on): linear in conductance.</summary>
    LinearConductance,

    /// <summary>R = R_on + (R_off − R_on)·x (VTEAM's linear I–V relation, Kvatinsky et al. 2015, eq. 3).</summary>
    LinearResistance,

    /// <summary>R = R_on·exp(λ·x), λ = ln(R_off/R_on) (VTEAM's exponential relation, eq. 4).</summary>
    Exponential,
}

/// <summary>
/// Parameters of the VTEAM voltage-threshold memristor model (Kvatinsky, Ramadan, Friedman and Kolodny,
/// "VTEAM: A General Model for Voltage-Controlled Memristors", IEEE TCAS-II 62, 786, 2015).
/// </summary>
/// <remarks>
/// Conventions follow the paper: the state w runs from w_on (fully ON, conductance G_on = <see cref="MaxConductance"/>)
/// to w_off (fully OFF, G_off = <see cref="MinConductance"/>); a voltage above v_off &gt; 0 drives w toward w_off
/// (RESET, k_off &gt; 0) and a voltage below v_on &lt; 0 drives it toward w_on (SET, k_on &lt; 0).
/// The defaults are illustrative, not fitted to a device: they give the 0.5–35 µS range of docs/design.md §3,
/// no change at a 0.2 V read, and a full swing in about a microsecond at ±1 V.
/// Each property validates its own value on <c>init</c>; cross-parameter checks happen in <see cref="VteamModel"/>.
/// </remarks>
public sealed record VteamParameters
{
    /// <summary>k_off, rate constant of the OFF (RESET) switching; positive.</summary>
    /// <value>Metres per second.</value>
    public double OffRateConstant { get; init => field = Guard.Positive(value, nameof(OffRateConstant)); } = 5e-3;

    /// <summary>k_on, rate constant of the ON (SET) switching; negative.</summary>
    /// <value>Metres per second.</value>
    public double OnRateConstant { get; init => field = Guard.Negative(value, nameof(OnRateConstant)); } = -5e-3;

    /// <summary>v_off, threshold voltage of OFF switching; positive.</summary>
    /// <value>Volts.</value>
    public double OffThresholdVoltage { get; init => field = Guard.Positive(value, nameof(OffThresholdVoltage)); } = 0.5;

    /// <summary>v_on, threshold voltage of ON switching; negative.</summary>
    /// <value>Volts.</value>
    public double OnThresholdVoltage { get; init => field = Guard.Negative(value, nameof(OnThresholdVoltage)); } = -0.5;

    /// <summary>α_off, exponent of the OFF switching rate; positive (≥ 1 keeps d(dw/dt)/dv continuous at v_off).</summary>
    /// <value>Dimensionless.</value>
    public double OffExponent { get; init => field = Guard.Positive(value, nameof(OffExponent)); } = 3.0;

    /// <summary>α_on, exponent of the ON switching rate; positive.</summary>
    /// <value>Dimensionless.</value>
    public double OnExponent { get; init => field = Guard.Positive(value, nameof(OnExponent)); } = 3.0;

    /// <summary>w_on, the state bound of the fully ON device.</summary>
    /// <value>Metres.</value>
    public double OnStateBound { get; init => field = Guard.Finite(value, nameof(OnStateBound)); }

    /// <summary>w_off, the state bound of the fully OFF device; must exceed w_on.</summary>
    /// <value>Metres.</value>
    public double OffStateBound { get; init => field = Guard.Finite(value, nameof(OffStateBound)); } = 3e-9;

    /// <summary>G_on = 1/R_on, conductance at w = w_on.</summary>
    /// <value>Siemens.</value>
    public double MaxConductance { get; init => field = Guard.Positive(value, nameof(MaxConductance)); } = 35e-6;

    /// <summary>G_off = 1/R_off, conductance at w = w_off; must be below <see cref="MaxConductance"/>.</summary>
    /// <value>Siemens.</value>
    public double MinConductance { get; init => field = Guard.Positive(value, nameof(MinConductance)); } = 0.5e-6;

    /// <summary>How the conductance depends on the state.</summary>
    public VteamConductanceMap ConductanceMap { get; init; } = VteamConductanceMap.LinearConductance;

    /// <summary>Window function.</summary>
    public VteamWindow Window { get; init; } = VteamWindow.Biolek;

    /// <summary>p, the integer exponent of the Joglekar and Biolek windows; at least 1.</summary>
    /// <value>Dimensionless.</value>
    public int WindowExponent { get; init => field = Guard.InRange(value, 1, 64, nameof(WindowExponent)); } = 2;

    /// <summary>a_off, position parameter of the Kvatinsky OFF window.</summary>
    /// <value>Metres.</value>
    public double OffWindowPosition { get; init => field = Guard.Finite(value, nameof(OffWindowPosition)); } = 3e-9;

    /// <summary>a_on, position parameter of the Kvatinsky ON window.</summary>
    /// <value>Metres.</value>
    public double OnWindowPosition { get; init => field = Guard.Finite(value, nameof(OnWindowPosition)); }

    /// <summary>w_c, width parameter of the Kvatinsky windows; positive.</summary>
    /// <value>Metres.</value>
    public double WindowWidth { get; init => field = Guard.Positive(value, nameof(WindowWidth)); } = 1e-10;
}
