using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Constants with the values ngspice 39 uses (CODATA 2014), so junction voltages agree to 1e-9.</summary>
public static class PhysicalConstants
{
    /// <summary>Boltzmann constant in J/K (ngspice CONSTboltz).</summary>
    public const double Boltzmann = 1.38064852e-23;

    /// <summary>Elementary charge in C (ngspice CHARGE).</summary>
    public const double Charge = 1.6021766208e-19;

    /// <summary>Nominal temperature 27 °C in K (ngspice REFTEMP).</summary>
    public const double NominalTemperature = SimulationOptions.ReferenceTemperature;

    /// <summary>Thermal voltage kT/q at the nominal temperature in V.</summary>
    public const double ThermalVoltage = Boltzmann * NominalTemperature / Charge;
}
