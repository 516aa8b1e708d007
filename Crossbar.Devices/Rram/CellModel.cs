using Crossbar.Devices.Transistors;

namespace Crossbar.Devices.Rram;

/// <summary>What sits in series with the RRAM element of a cell.</summary>
public enum AccessDeviceKind
{
    /// <summary>A fixed on-resistance, the cheap stand-in for a fully-on transistor.</summary>
    FixedResistance,

    /// <summary>A level-1 NMOS whose gate is the word line.</summary>
    Transistor,
}

/// <summary>Operating point of a 1T1R cell: the series current and the internal node between RRAM and transistor.</summary>
/// <param name="Current">Current from the RRAM terminal to the access terminal (A).</param>
/// <param name="InternalVoltage">Voltage of the node between RRAM and access device (V).</param>
/// <param name="Conductance">Small-signal conductance of the whole cell, dI/dV_A = g_r·g_t/(g_r + g_t) (S).</param>
public readonly record struct CellOperatingPoint(double Current, double InternalVoltage, double Conductance);

/// <summary>
/// A 1T1R cell: an RRAM element (terminal A, the bit/column line) in series with an access device whose other terminal
/// B is the source/row line; the transistor's gate is the word line.
/// </summary>
/// <remarks>
/// The circuit engine stamps a 1T1R cell with a level-1 transistor as two elements around an internal node (the RRAM's
/// read model and <see cref="Mosfet1Model"/>), and a cell with a fixed on-resistance and a linear RRAM as one conductance,
/// <see cref="EffectiveConductance"/>; generated circuits take the on-resistance of their access transistor from
/// <see cref="OnResistance"/>. <see cref="Solve"/> is the reference a single-cell array's current is tested against: the
/// series solution (<see cref="Solve"/>, a safeguarded Newton iteration on the internal node,
/// bracketed between the terminal voltages since the RRAM current falls and the transistor current rises with it) and
/// the effective conductance 1/(1/G + R_on) at small voltages. The default access transistor
/// (<see cref="Mosfet1Parameters.AccessTransistor"/>) has R_on ≈ 192 Ω at a 3.3 V gate.
/// </remarks>
public sealed class CellModel
{
    private readonly double _fixedResistance;

    private CellModel(IRramReadModel readModel, AccessDeviceKind kind, Mosfet1Model? transistor, double gateVoltage, double bulkVoltage, double fixedResistance)
    {
        ReadModel = readModel;
        AccessDevice = kind;
        Transistor = transistor;
        GateVoltage = gateVoltage;
        BulkVoltage = bulkVoltage;
        _fixedResistance = fixedResistance;
    }

    /// <summary>Creates a cell with a level-1 access transistor.</summary>
    /// <param name="readModel">RRAM read model (null: linear).</param>
    /// <param name="transistor">Access transistor parameters (null: <see cref="Mosfet1Parameters.AccessTransistor"/>).</param>
    /// <param name="gateVoltage">Word-line (gate) voltage (V).</param>
    /// <param name="bulkVoltage">Bulk voltage (V); only matters with a body effect (GAMMA &gt; 0).</param>
    /// <returns>The cell.</returns>
    public static CellModel WithTransistor(IRramReadModel? readModel = null, Mosfet1Parameters? transistor = null, double gateVoltage = 3.3, double bulkVoltage = 0.0) =>
        new(readModel ?? LinearRramModel.Instance, AccessDeviceKind.Transistor, new Mosfet1Model(transistor ?? Mosfet1Parameters.AccessTransistor),
            Guard.Finite(gateVoltage), Guard.Finite(bulkVoltage), 0.0);

    /// <summary>Creates a cell whose access device is a fixed resistance.</summary>
    /// <param name="readModel">RRAM read model (null: linear).</param>
    /// <param name="onResistance">R_on (Ω); positive.</param>
    /// <returns>The cell.</returns>
    public static CellModel WithOnResistance(IRramReadModel? readModel, double onResistance) =>
        new(readModel ?? LinearRramModel.Instance, AccessDeviceKind.FixedResistance, null, 0.0, 0.0, Guard.Positive(onResistance));

    /// <summary>The RRAM read model.</summary>
    public IRramReadModel ReadModel { get; }

    /// <summary>Kind of access device.</summary>
    public AccessDeviceKind AccessDevice { get; }

    /// <summary>The access transistor (null unless <see cref="AccessDeviceKind.Transistor"/>).</summary>
    public Mosfet1Model? Transistor { get; }

    /// <summary>Gate (word-line) voltage of the access transistor.</summary>
    /// <value>Volts.</value>
    public double GateVoltage { get; }

    /// <summary>Bulk voltage of the access transistor.</summary>
    /// <value>Volts.</value>
    public double BulkVoltage { get; }

    /// <summary>
    /// On-resistance of the access device with terminal B at <paramref name="accessTerminalVoltage"/>: the fixed value,
    /// 1/(β·(V_G − V_B − v_on)) for the transistor (+∞ when off).
    /// </summary>
    /// <param name="accessTerminalVoltage">V_B (V), the row/source-line potential (0 at a virtual ground).</param>
    /// <returns>Ohms.</returns>
    public double OnResistance(double accessTerminalVoltage = 0.0) => AccessDevice == AccessDeviceKind.Transistor
        ? Transistor!.OnResistance(GateVoltage - accessTerminalVoltage, BulkVoltage - accessTerminalVoltage)
        : _fixedResistance;

    /// <summary>Small-signal conductance of the cell at vanishing voltage for a linear RRAM state: 1/(1/G + R_on).</summary>
    /// <param name="conductance">RRAM conductance G (S).</param>
    /// <param name="accessTerminalVoltage">V_B (V).</param>
    /// <returns>Siemens.</returns>
    public double EffectiveConductance(double conductance, double accessTerminalVoltage = 0.0)
    {
        double r = OnResistance(accessTerminalVoltage);
        return conductance <= 0.0 || double.IsPositiveInfinity(r) ? 0.0 : 1.0 / ((1.0 / conductance) + r);
    }

    /// <summary>Solves the series connection for the cell current.</summary>
    /// <param name="rramTerminalVoltage">V_A, potential of the RRAM's outer terminal (V).</param>
    /// <param name="accessTerminalVoltage">V_B, potential of the access device's outer terminal (V).</param>
    /// <param name="conductance">Nominal RRAM conductance G (S); non-negative.</param>
    /// <returns>Current, internal node voltage and small-signal cell conductance.</returns>
    public CellOperatingPoint Solve(double rramTerminalVoltage, double accessTerminalVoltage, double conductance)
    {
        double va = Guard.Finite(rramTerminalVoltage);
        double vb = Guard.Finite(accessTerminalVoltage);
        Guard.NonNegative(conductance);
        double lo = Math.Min(va, vb), hi = Math.Max(va, vb);
        double x = vb + ((va - vb) * 0.5);
        double f = 0.0, gr = 0.0, gt = 0.0;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double ir = ReadModel.Current(va - x, conductance);
            gr = ReadModel.Conductance(va - x, conductance);
            (double it, gt) = AccessCurrent(x, vb);
            f = ir - it;

            // f decreases with x: keep a bracket [lo, hi] with f(lo) ≥ 0 ≥ f(hi).
            if (f > 0.0)
            {
                lo = x;
            }
            else
            {
                hi = x;
            }

            double slope = gr + gt;
            double next = slope > 0.0 ? x + (f / slope) : 0.5 * (lo + hi);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            double scale = Math.Max(Math.Abs(va - vb), 1e-12);
            if (Math.Abs(next - x) <= 1e-14 * scale || hi - lo <= 1e-15 * scale)
            {
                x = next;
                break;
            }

            x = next;
        }

        double current = ReadModel.Current(va - x, conductance);
        gr = ReadModel.Conductance(va - x, conductance);
        gt = AccessCurrent(x, vb).Conductance;
        double g = gr + gt > 0.0 ? gr * gt / (gr + gt) : 0.0;
        return new CellOperatingPoint(current, x, g);
    }

    private (double Current, double Conductance) AccessCurrent(double internalVoltage, double accessTerminalVoltage)
    {
        if (AccessDevice == AccessDeviceKind.FixedResistance)
        {
            return ((internalVoltage - accessTerminalVoltage) / _fixedResistance, 1.0 / _fixedResistance);
        }

        var e = Transistor!.Evaluate(GateVoltage - accessTerminalVoltage, internalVoltage - accessTerminalVoltage, BulkVoltage - accessTerminalVoltage);
        return (e.DrainCurrent, e.Gds);
    }
}
