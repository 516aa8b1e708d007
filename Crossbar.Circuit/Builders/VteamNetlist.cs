using System.Globalization;
using Crossbar.Circuit.Netlists;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Adds a VTEAM memristor (Kvatinsky et al., IEEE TCAS-II 62, 786, 2015) as standard ngspice
/// elements whose state is an unknown of the solve: the normalised state x = (w − w_on)/(w_off − w_on)
/// is the voltage of node <c>{name}_x</c> on a 1 F capacitor charged by a B current source equal to
/// dx/dt, and the cell is a B current source I = G(x)·v. What the engine simulates is what ngspice runs.
/// </summary>
/// <remarks>
/// <code>
/// dx/dt = [k_off·max(v/v_off − 1, 0)^α_off·f_off(x) + k_on·max(v/v_on − 1, 0)^α_on·f_on(x)] / (w_off − w_on)
/// I = G(x)·v
/// </code>
/// exactly <see cref="VteamModel.Evaluate"/> with w = w_on + x·(w_off − w_on) (windows and conductance
/// maps of <see cref="VteamParameters"/>). The state is normalised so that it is O(1) volts, well above
/// vntol. A 1 GΩ resistor ties x to a source at its initial value so the operating point is defined
/// when no switching voltage is applied (leak time constant 1e9 s); the state is not clamped: the
/// windows keep it in [0, 1] (with <see cref="VteamWindow.None"/> nothing does).
/// </remarks>
public static class VteamNetlist
{
    /// <summary>Resistance that defines the operating point of the state node, in Ω.</summary>
    public const double StateAnchorResistance = 1e9;

    /// <summary>Adds the cell between <paramref name="plus"/> and <paramref name="minus"/> (v = v(plus) − v(minus)).</summary>
    /// <param name="netlist">The netlist.</param>
    /// <param name="name">Cell name (prefix of its elements and nodes).</param>
    /// <param name="plus">Terminal whose positive voltage resets (drives w toward w_off).</param>
    /// <param name="minus">Other terminal.</param>
    /// <param name="parameters">VTEAM parameters.</param>
    /// <param name="initialState">Initial state w in m, within [w_on, w_off].</param>
    /// <returns>The state node (normalised x).</returns>
    public static string Add(Netlist netlist, string name, string plus, string minus, VteamParameters parameters, double initialState)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(parameters);
        _ = new VteamModel(parameters);
        var p = parameters;
        double width = p.OffStateBound - p.OnStateBound;
        double x0 = (initialState - p.OnStateBound) / width;
        if (!(x0 >= 0 && x0 <= 1))
        {
            throw new ArgumentException($"VTEAM {name}: initial state {initialState} m lies outside [{p.OnStateBound}, {p.OffStateBound}] m", nameof(initialState));
        }

        string x = $"{name}_x";
        string vx = $"v({x})";
        string v = $"v({plus},{minus})";
        string rate = string.Create(CultureInfo.InvariantCulture,
            $"({F(p.OffRateConstant / width)}*pow(max({v}/{F(p.OffThresholdVoltage)}-1,0),{F(p.OffExponent)})*{Window(p, vx, off: true)}"
            + $"+({F(p.OnRateConstant / width)})*pow(max({v}/({F(p.OnThresholdVoltage)})-1,0),{F(p.OnExponent)})*{Window(p, vx, off: false)})");
        netlist.Elements.Add(new ElementCard($"B{name}", [plus, minus]) { Behavior = new BehavioralValue('I', $"{Conductance(p, vx)}*{v}") });
        netlist.Elements.Add(new ElementCard($"B{name}_w", ["0", x]) { Behavior = new BehavioralValue('I', rate) });
        netlist.Elements.Add(new ElementCard($"C{name}_x", [x, "0"]) { Value = 1.0 });
        netlist.Elements.Add(new ElementCard($"R{name}_x", [x, $"{name}_x0"]) { Value = StateAnchorResistance });
        netlist.Elements.Add(new ElementCard($"V{name}_x0", [$"{name}_x0", "0"]) { Value = x0 });
        return x;
    }

    /// <summary>State w in m from the normalised state node voltage x.</summary>
    /// <param name="parameters">VTEAM parameters.</param>
    /// <param name="x">Normalised state.</param>
    public static double State(VteamParameters parameters, double x)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.OnStateBound + (x * (parameters.OffStateBound - parameters.OnStateBound));
    }

    private static string Conductance(VteamParameters p, string x) => p.ConductanceMap switch
    {
        VteamConductanceMap.LinearConductance => $"({F(p.MaxConductance)}+({F(p.MinConductance - p.MaxConductance)})*{x})",
        VteamConductanceMap.LinearResistance => $"(1/({F(1 / p.MaxConductance)}+{F((1 / p.MinConductance) - (1 / p.MaxConductance))}*{x}))",
        _ => $"({F(p.MaxConductance)}*exp(-{F(Math.Log(p.MaxConductance / p.MinConductance))}*{x}))",
    };

    private static string Window(VteamParameters p, string x, bool off)
    {
        string n = (2 * p.WindowExponent).ToString(CultureInfo.InvariantCulture);
        double width = p.OffStateBound - p.OnStateBound;
        return p.Window switch
        {
            VteamWindow.Joglekar => $"(1-(2*{x}-1)^{n})",
            VteamWindow.Biolek => off ? $"(1-{x}^{n})" : $"(1-({x}-1)^{n})",
            VteamWindow.Kvatinsky => off
                ? $"exp(-exp(({x}*{F(width)}+({F(p.OnStateBound - p.OffWindowPosition)}))/{F(p.WindowWidth)}))"
                : $"exp(-exp(-({x}*{F(width)}+({F(p.OnStateBound - p.OnWindowPosition)}))/{F(p.WindowWidth)}))",
            _ => "1",
        };
    }

    private static string F(double value) => SpiceNumber.Format(value);
}
