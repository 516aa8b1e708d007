namespace Crossbar.Devices.Transistors;

/// <summary>
/// SPICE level-1 MOSFET drain current and small-signal conductances, as ngspice's <c>mos1load.c</c> computes them.
/// </summary>
/// <remarks>
/// Shichman and Hodges, IEEE JSSC 3, 285 (1968), in the SPICE2 form (Vladimirescu and Liu, UCB/ERL M80/7, 1980):
/// in NMOS convention with v_ds ≥ 0 (otherwise drain and source swap roles: v_gs → v_gd, v_bs → v_bd, v_ds → −v_ds
/// and the current changes sign),
/// <code>
/// v_on  = VTO + γ·(√(φ − v_bs) − √φ)                 (v_bs ≤ 0; linearised √φ − v_bs/(2√φ), floored at 0, for v_bs &gt; 0)
/// v_gst = v_gs − v_on
/// I_D   = 0                                          v_gst ≤ 0
///       = β·(1 + λ·v_ds)·v_ds·(v_gst − v_ds/2)       0 &lt; v_ds &lt; v_gst
///       = β/2·(1 + λ·v_ds)·v_gst²                    0 &lt; v_gst ≤ v_ds
/// </code>
/// with β = KP·W/(L − 2·LD); the factor (1 + λ·v_ds) multiplies both regions, as in SPICE.
/// gm, gds and gmbs are the exact partial derivatives of this I_D. They equal ngspice's except for forward body bias
/// (v_bs &gt; 0), where ngspice keeps γ/(2·sarg) for ∂v_on/∂v_bs although sarg is linearised; here the derivative of the
/// linearised form, γ/(2√φ), is used so that the Jacobian matches the current. For PMOS, pass the actual terminal
/// voltages to <see cref="Evaluate"/>: they are multiplied by TYPE = −1 and the drain current is returned with its
/// actual sign; the conductances are unchanged by the polarity. The returned derivatives are already resolved for the
/// orientation, so a circuit stamp needs only I_D and ∂I_D/∂(v_gs, v_ds, v_bs) at the terminals as given; the circuit
/// engine's level-1 element (Crossbar.Circuit.Elements.Level1Mosfet) adds Newton limiting and the bulk junctions around
/// this model.
/// </remarks>
public sealed class Mosfet1Model
{
    private readonly double _beta;
    private readonly double _threshold;
    private readonly double _sqrtPhi;
    private readonly double _type;

    /// <summary>Creates the model.</summary>
    /// <param name="parameters">Level-1 parameters (null gives SPICE defaults).</param>
    /// <exception cref="ArgumentException">The effective channel length L − 2·LD is not positive.</exception>
    public Mosfet1Model(Mosfet1Parameters? parameters = null)
    {
        Parameters = parameters ?? new Mosfet1Parameters();
        if (!(Parameters.EffectiveLength > 0.0))
        {
            throw new ArgumentException(
                $"Effective channel length L − 2·LD = {Guard.Format(Parameters.EffectiveLength)} m must be positive (check LateralDiffusion).",
                nameof(parameters));
        }

        _type = (double)(int)Parameters.Polarity;
        _beta = Parameters.Beta;
        _threshold = _type * Parameters.ThresholdVoltage;
        _sqrtPhi = Math.Sqrt(Parameters.SurfacePotential);
    }

    /// <summary>The parameters.</summary>
    public Mosfet1Parameters Parameters { get; }

    /// <summary>Evaluates the drain current and its derivatives at the given terminal voltages.</summary>
    /// <param name="gateSourceVoltage">v_gs (V), actual polarity.</param>
    /// <param name="drainSourceVoltage">v_ds (V), actual polarity.</param>
    /// <param name="bulkSourceVoltage">v_bs (V), actual polarity.</param>
    /// <returns>I_D (into the drain, actual sign) and ∂I_D/∂v_gs, ∂I_D/∂v_ds, ∂I_D/∂v_bs.</returns>
    public Mosfet1Evaluation Evaluate(double gateSourceVoltage, double drainSourceVoltage, double bulkSourceVoltage = 0.0)
    {
        double vgs = _type * gateSourceVoltage;
        double vds = _type * drainSourceVoltage;
        double vbs = _type * bulkSourceVoltage;

        if (vds >= 0.0)
        {
            var (id, gm, gds, gmbs, region, von) = Forward(vgs, vds, vbs);
            return new Mosfet1Evaluation(_type * id, gm, gds, gmbs, region, Reversed: false, von);
        }
        else
        {
            // Source and drain exchange roles: I_D = −f(v_gd, −v_ds, v_bd).
            double vgd = vgs - vds;
            double vbd = vbs - vds;
            var (i, gm, gds, gmbs, region, von) = Forward(vgd, -vds, vbd);
            return new Mosfet1Evaluation(-_type * i, -gm, gm + gds + gmbs, -gmbs, region, Reversed: true, von);
        }
    }

    /// <summary>Drain current only (convenience for <see cref="Evaluate"/>).</summary>
    /// <param name="gateSourceVoltage">v_gs (V).</param>
    /// <param name="drainSourceVoltage">v_ds (V).</param>
    /// <param name="bulkSourceVoltage">v_bs (V).</param>
    /// <returns>I_D (A).</returns>
    public double DrainCurrent(double gateSourceVoltage, double drainSourceVoltage, double bulkSourceVoltage = 0.0) =>
        Evaluate(gateSourceVoltage, drainSourceVoltage, bulkSourceVoltage).DrainCurrent;

    /// <summary>Threshold voltage v_on including the body effect, in NMOS convention.</summary>
    /// <param name="bulkSourceVoltage">v_bs (V) in NMOS convention.</param>
    /// <returns>v_on (V).</returns>
    public double ThresholdAt(double bulkSourceVoltage) => _threshold + (Parameters.BodyEffectCoefficient * (Sarg(bulkSourceVoltage, out _) - _sqrtPhi));

    /// <summary>
    /// Channel resistance at vanishing v_ds, the cheap stand-in for the transistor in a 1T1R cell:
    /// R_on = 1/(β·(v_gs − v_on)), or +∞ in cutoff.
    /// </summary>
    /// <param name="gateSourceVoltage">v_gs (V), actual polarity.</param>
    /// <param name="bulkSourceVoltage">v_bs (V), actual polarity.</param>
    /// <returns>R_on (Ω).</returns>
    public double OnResistance(double gateSourceVoltage, double bulkSourceVoltage = 0.0)
    {
        double overdrive = (_type * gateSourceVoltage) - ThresholdAt(_type * bulkSourceVoltage);
        return overdrive > 0.0 ? 1.0 / (_beta * overdrive) : double.PositiveInfinity;
    }

    private double Sarg(double vbs, out double dSargDvbs)
    {
        double phi = Parameters.SurfacePotential;
        if (vbs <= 0.0)
        {
            double s = Math.Sqrt(phi - vbs);
            dSargDvbs = -0.5 / s;
            return s;
        }

        double lin = _sqrtPhi - (vbs / (2.0 * _sqrtPhi));
        if (lin > 0.0)
        {
            dSargDvbs = -0.5 / _sqrtPhi;
            return lin;
        }

        dSargDvbs = 0.0;
        return 0.0;
    }

    private (double Id, double Gm, double Gds, double Gmbs, MosfetRegion Region, double Von) Forward(double vgs, double vds, double vbs)
    {
        double gamma = Parameters.BodyEffectCoefficient;
        double lambda = Parameters.ChannelLengthModulation;
        double sarg = Sarg(vbs, out double dSarg);
        double von = _threshold + (gamma * (sarg - _sqrtPhi));
        double dVonDvbs = gamma * dSarg;
        double vgst = vgs - von;
        if (vgst <= 0.0)
        {
            return (0.0, 0.0, 0.0, 0.0, MosfetRegion.Cutoff, von);
        }

        double betap = _beta * (1.0 + (lambda * vds));
        if (vgst <= vds)
        {
            double id = betap * vgst * vgst * 0.5;
            double gm = betap * vgst;
            double gds = lambda * _beta * vgst * vgst * 0.5;
            return (id, gm, gds, -gm * dVonDvbs, MosfetRegion.Saturation, von);
        }
        else
        {
            double id = betap * vds * (vgst - (0.5 * vds));
            double gm = betap * vds;
            double gds = (betap * (vgst - vds)) + (lambda * _beta * vds * (vgst - (0.5 * vds)));
            return (id, gm, gds, -gm * dVonDvbs, MosfetRegion.Linear, von);
        }
    }
}
