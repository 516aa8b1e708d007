using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// The temperature equations of the resistor, the level-1 diode and the level-1 MOSFET, as ngspice 39 applies them
/// (its res/diotemp.c/mos1temp.c: each parameter is moved from the nominal temperature TNOM at which it was measured
/// to the circuit temperature TEMP once, before the analysis). Temperatures in kelvin.
/// </summary>
/// <remarks>
/// At TEMP = TNOM every factor here is exactly 1 (or the parameter unchanged), so a deck without <c>.temp</c> solves
/// the same equations as before temperature was modelled; <see cref="DiodeParameters.AtTemperature"/> and
/// <see cref="MosfetParameters.AtTemperature"/> skip the work there.
/// </remarks>
public static class DeviceTemperature
{
    /// <summary>0 °C in kelvin (ngspice CONSTCtoK).</summary>
    public const double CelsiusToKelvin = SimulationOptions.CelsiusToKelvin;

    /// <summary>Silicon band gap at 0 K of the ngspice junction-potential fit, in eV (ngspice's 1.1150877).</summary>
    private const double ReferenceBandGap = 1.1150877;

    /// <summary>Thermal voltage v_t = k·T/q.</summary>
    /// <param name="temperature">T in K.</param>
    /// <returns>v_t in V.</returns>
    public static double ThermalVoltage(double temperature) => PhysicalConstants.Boltzmann * temperature / PhysicalConstants.Charge;

    /// <summary>
    /// Silicon band gap E_g(T) = 1.16 − 7.02e-4·T²/(T + 1108) in eV (the Varshni fit SPICE2 and ngspice use for junction
    /// potentials and the MOSFET threshold).
    /// </summary>
    /// <param name="temperature">T in K.</param>
    /// <returns>E_g in eV.</returns>
    public static double SiliconBandGap(double temperature) => 1.16 - (7.02e-4 * temperature * temperature / (temperature + 1108));

    /// <summary>
    /// Resistance factor R(T)/R(TNOM) = 1 + TC1·ΔT + TC2·ΔT², ΔT = T − TNOM (ngspice restemp.c, SPICE3 manual
    /// "Resistors").
    /// </summary>
    /// <param name="linear">TC1 in 1/K.</param>
    /// <param name="quadratic">TC2 in 1/K².</param>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>The factor (dimensionless).</returns>
    public static double ResistanceFactor(double linear, double quadratic, double temperature, double nominal)
    {
        double dt = temperature - nominal;
        return 1 + (linear * dt) + (quadratic * dt * dt);
    }

    /// <summary>
    /// Diode saturation current at T: IS(T) = IS·exp((T/TNOM − 1)·EG/(N·v_t(T)))·(T/TNOM)^(XTI/N) (ngspice diotemp.c,
    /// TLEV = 0; Massobrio and Antognetti, "Semiconductor Device Modeling with SPICE", eq. 1.38).
    /// </summary>
    /// <param name="saturation">IS at TNOM in A.</param>
    /// <param name="bandGap">EG in eV.</param>
    /// <param name="exponent">XTI.</param>
    /// <param name="emission">N.</param>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>IS(T) in A.</returns>
    public static double DiodeSaturationCurrent(double saturation, double bandGap, double exponent, double emission, double temperature, double nominal)
    {
        double ratio = temperature / nominal;
        return saturation * Math.Exp(((ratio - 1) * bandGap / (emission * ThermalVoltage(temperature))) + (exponent / emission * Math.Log(ratio)));
    }

    /// <summary>
    /// MOSFET bulk-junction saturation current at T: IS(T) = IS·exp(E_g(TNOM)/v_t(TNOM) − E_g(T)/v_t(T)) (ngspice
    /// mos1temp.c, with <see cref="SiliconBandGap"/>).
    /// </summary>
    /// <param name="saturation">IS at TNOM in A.</param>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>IS(T) in A.</returns>
    public static double MosfetJunctionSaturationCurrent(double saturation, double temperature, double nominal)
        => saturation * Math.Exp((SiliconBandGap(nominal) / ThermalVoltage(nominal)) - (SiliconBandGap(temperature) / ThermalVoltage(temperature)));

    /// <summary>
    /// A junction potential (diode VJ, MOSFET PHI) moved from TNOM to T: φ(T) = (T/T_ref)·φ₀ + p(T), with
    /// φ₀ = (φ(TNOM) − p(TNOM))/(TNOM/T_ref) the potential referred to T_ref = 300.15 K and
    /// p(T) = −2·v_t(T)·(1.5·ln(T/T_ref) + q·(1.1150877/(2k·T_ref) − E_g(T)/(2k·T))) (ngspice diotemp.c and mos1temp.c,
    /// the "pbfact" terms; the intrinsic carrier density ∝ T^1.5·exp(−E_g/2kT)).
    /// </summary>
    /// <param name="potential">The potential at TNOM in V.</param>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>The potential at T in V.</returns>
    public static double JunctionPotential(double potential, double temperature, double nominal)
        => (temperature / PhysicalConstants.NominalTemperature * ReferredPotential(potential, nominal)) + PotentialShift(temperature);

    /// <summary>
    /// Zero-bias depletion capacitance moved from TNOM to T: C(T) = C·(1 + M·(4e-4·(T − T_ref) − γ(T)))/(1 + M·(4e-4·(TNOM −
    /// T_ref) − γ(TNOM))), γ(T) = (φ(T) − φ₀)/φ₀ with φ and φ₀ as in <see cref="JunctionPotential"/> (ngspice diotemp.c,
    /// TLEVC = 0, and mos1temp.c).
    /// </summary>
    /// <param name="capacitance">C at TNOM in F.</param>
    /// <param name="grading">Grading coefficient M.</param>
    /// <param name="potential">Junction potential at TNOM in V.</param>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>C(T) in F.</returns>
    public static double JunctionCapacitance(double capacitance, double grading, double potential, double temperature, double nominal)
    {
        double referred = ReferredPotential(potential, nominal);
        double oldGamma = (potential - referred) / referred;
        double newGamma = (JunctionPotential(potential, temperature, nominal) - referred) / referred;
        double atNominal = 1 + (grading * ((400e-6 * (nominal - PhysicalConstants.NominalTemperature)) - oldGamma));
        double atTemperature = 1 + (grading * ((400e-6 * (temperature - PhysicalConstants.NominalTemperature)) - newGamma));
        return capacitance / atNominal * atTemperature;
    }

    /// <summary>
    /// Mobility factor μ(T)/μ(TNOM) = (T/TNOM)^−1.5, applied to the level-1 KP (ngspice mos1temp.c).
    /// </summary>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>The factor.</returns>
    public static double MobilityFactor(double temperature, double nominal)
    {
        double ratio = temperature / nominal;
        return 1 / (ratio * Math.Sqrt(ratio));
    }

    /// <summary>
    /// Level-1 threshold at T, in the NMOS convention (TYPE·VTO): V_T(T) = V_bi(T) + γ·√φ(T) with the built-in voltage
    /// V_bi(T) = V_T(TNOM) − γ·√φ(TNOM) + (E_g(TNOM) − E_g(T))/2 + (φ(T) − φ(TNOM))/2 (ngspice mos1temp.c).
    /// </summary>
    /// <param name="threshold">TYPE·VTO at TNOM in V.</param>
    /// <param name="bodyEffect">GAMMA in √V.</param>
    /// <param name="surfacePotential">PHI at TNOM in V.</param>
    /// <param name="temperature">T in K.</param>
    /// <param name="nominal">TNOM in K.</param>
    /// <returns>TYPE·VTO at T in V.</returns>
    public static double MosfetThreshold(double threshold, double bodyEffect, double surfacePotential, double temperature, double nominal)
    {
        double phi = JunctionPotential(surfacePotential, temperature, nominal);
        double builtIn = threshold - (bodyEffect * Math.Sqrt(surfacePotential))
            + (0.5 * (SiliconBandGap(nominal) - SiliconBandGap(temperature))) + (0.5 * (phi - surfacePotential));
        return builtIn + (bodyEffect * Math.Sqrt(phi));
    }

    /// <summary>φ₀ = (φ(TNOM) − p(TNOM))/(TNOM/T_ref): the junction potential referred to T_ref.</summary>
    private static double ReferredPotential(double potential, double nominal)
        => (potential - PotentialShift(nominal)) / (nominal / PhysicalConstants.NominalTemperature);

    /// <summary>p(T) of <see cref="JunctionPotential"/> in V.</summary>
    private static double PotentialShift(double temperature)
    {
        const double k = PhysicalConstants.Boltzmann;
        const double reference = PhysicalConstants.NominalTemperature;
        double arg = (-SiliconBandGap(temperature) / (2 * k * temperature)) + (ReferenceBandGap / (k * (reference + reference)));
        return -2 * ThermalVoltage(temperature) * ((1.5 * Math.Log(temperature / reference)) + (PhysicalConstants.Charge * arg));
    }
}
