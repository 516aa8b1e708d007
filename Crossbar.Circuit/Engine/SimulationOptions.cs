using Crossbar.Circuit.Algebra;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Engine;

/// <summary>Integration method of the transient analysis.</summary>
public enum IntegrationMethod
{
    /// <summary>Trapezoidal rule (SPICE default), backward Euler on the first step and after breakpoints.</summary>
    Trapezoidal,

    /// <summary>Gear order 2 (BDF2), backward Euler on the first step and after breakpoints.</summary>
    Gear,
}

/// <summary>
/// Simulator tolerances and limits with SPICE names and defaults (reltol 1e-3, vntol 1 µV,
/// abstol 1 pA, gmin 1e-12, trtol 7, chgtol 1e-14, itl1 100, itl4 10, pivrel 1e-3, pivtol 1e-13).
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Relative tolerance (reltol).</summary>
    public double RelativeTolerance { get; init; } = 1e-3;

    /// <summary>Absolute current tolerance in A (abstol).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-12;

    /// <summary>Absolute voltage tolerance in V (vntol).</summary>
    public double VoltageTolerance { get; init; } = 1e-6;

    /// <summary>Minimum conductance across junctions in S (gmin).</summary>
    public double Gmin { get; init; } = 1e-12;

    /// <summary>Truncation-error overestimation factor (trtol).</summary>
    public double TruncationTolerance { get; init; } = 7;

    /// <summary>Charge tolerance in C (chgtol).</summary>
    public double ChargeTolerance { get; init; } = 1e-14;

    /// <summary>Newton iteration limit of the operating point and DC sweep (itl1; DC uses itl2 = 50 in SPICE, here itl1 too).</summary>
    public int DcIterationLimit { get; init; } = 100;

    /// <summary>Newton iteration limit per transient time point (itl4).</summary>
    public int TransientIterationLimit { get; init; } = 10;

    /// <summary>Transient integration method (method=trap|gear).</summary>
    public IntegrationMethod Method { get; init; } = IntegrationMethod.Trapezoidal;

    /// <summary>Pivoting thresholds (pivrel, pivtol).</summary>
    public PivotOptions Pivoting { get; init; } = new();

    /// <summary>
    /// After SPICE convergence of an operating point or DC point, keep iterating (at most a few
    /// times) until the update is below this relative size, so that answers are the converged
    /// solution rather than the point where SPICE's tolerance stopped.
    /// </summary>
    public double PolishTolerance { get; init; } = 1e-11;

    /// <summary>
    /// Most points one analysis may produce (maxpoints): DC sweep points (the product of nested sweeps), AC
    /// frequencies, or transient time points estimated as tstop/tmax. Checked before the analysis starts.
    /// </summary>
    public double MaxPoints { get; init; } = DefaultMaxPoints;

    /// <summary>Circuit temperature TEMP in K (<c>.temp</c> or <c>.options temp</c>, given in °C; default 27 °C).</summary>
    public double Temperature { get; init; } = ReferenceTemperature;

    /// <summary>Nominal temperature TNOM in K at which model parameters were measured unless a model gives its own
    /// (<c>.options tnom</c>, given in °C; default 27 °C).</summary>
    public double NominalTemperature { get; init; } = ReferenceTemperature;

    /// <summary>Default of <see cref="Temperature"/> and <see cref="NominalTemperature"/>: 27 °C in K (ngspice REFTEMP).</summary>
    public const double ReferenceTemperature = 300.15;

    /// <summary>0 °C in kelvin (ngspice CONSTCtoK).</summary>
    public const double CelsiusToKelvin = 273.15;

    /// <summary>Default of <see cref="MaxPoints"/>: 10⁷.</summary>
    public const double DefaultMaxPoints = 1e7;

    /// <summary>Reads the recognised <c>.options</c> of a deck; unknown ones were already warned about by the reader.</summary>
    public static SimulationOptions FromNetlist(Netlist netlist)
    {
        var options = new SimulationOptions();
        double pivrel = options.Pivoting.RelativeThreshold;
        double pivtol = options.Pivoting.AbsoluteThreshold;
        foreach (OptionCard card in netlist.Options)
        {
            string name = card.Name.ToLowerInvariant();
            double? v = card.Value;
            options = name switch
            {
                "reltol" when v is { } x => options with { RelativeTolerance = Positive(card, x) },
                "abstol" when v is { } x => options with { AbsoluteTolerance = Positive(card, x) },
                "vntol" when v is { } x => options with { VoltageTolerance = Positive(card, x) },
                "gmin" when v is { } x => options with { Gmin = NonNegative(card, x) },
                "trtol" when v is { } x => options with { TruncationTolerance = Positive(card, x) },
                "chgtol" when v is { } x => options with { ChargeTolerance = Positive(card, x) },
                "itl1" when v is { } x => options with { DcIterationLimit = (int)Positive(card, x) },
                "itl4" when v is { } x => options with { TransientIterationLimit = (int)Positive(card, x) },
                "maxpoints" when v is { } x => options with { MaxPoints = Positive(card, x) },
                "temp" when v is { } x => options with { Temperature = Kelvin(card, x) },
                "tnom" when v is { } x => options with { NominalTemperature = Kelvin(card, x) },
                "method" => options with { Method = ParseMethod(card) },
                _ => options,
            };
            if (name == "pivrel" && v is { } pr)
            {
                pivrel = Positive(card, pr);
            }
            else if (name == "pivtol" && v is { } pt)
            {
                pivtol = Positive(card, pt);
            }
        }

        return options with { Pivoting = new PivotOptions { RelativeThreshold = pivrel, AbsoluteThreshold = pivtol } };
    }

    private static IntegrationMethod ParseMethod(OptionCard card) => card.Text?.ToLowerInvariant() switch
    {
        "gear" => IntegrationMethod.Gear,
        "trap" or "trapezoidal" => IntegrationMethod.Trapezoidal,
        _ => throw new NetlistException(card.Location, $"option method: expected trap or gear, got '{card.Text ?? card.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture)}'"),
    };

    private static double Kelvin(OptionCard card, double celsius) => celsius > -CelsiusToKelvin && double.IsFinite(celsius)
        ? celsius + CelsiusToKelvin
        : throw new NetlistException(card.Location, $"option {card.Name} must be a finite temperature above -273.15 °C, got {celsius.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static double Positive(OptionCard card, double value) => value > 0
        ? value
        : throw new NetlistException(card.Location, $"option {card.Name} must be positive, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static double NonNegative(OptionCard card, double value) => value >= 0
        ? value
        : throw new NetlistException(card.Location, $"option {card.Name} must not be negative, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
