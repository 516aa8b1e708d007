using Crossbar.Circuit.Netlists;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// A programming transient: a pulse source through a series resistor into one VTEAM cell
/// (<see cref="VteamNetlist"/>), with a transient analysis over the pulse and its tail.
/// </summary>
public static class ProgrammingCircuitBuilder
{
    /// <summary>Name of the cell's top terminal node.</summary>
    public const string CellNode = "cell";

    /// <summary>Name of the cell's normalised state node.</summary>
    public const string StateNode = "m1_x";

    /// <summary>Builds the circuit.</summary>
    /// <param name="parameters">VTEAM parameters.</param>
    /// <param name="initialState">Initial state w in m.</param>
    /// <param name="pulseVoltage">Pulse amplitude in V (negative SETs, positive RESETs).</param>
    /// <param name="pulseWidth">Pulse width (flat top) in s.</param>
    /// <param name="edgeTime">Rise and fall time in s.</param>
    /// <param name="seriesResistance">Series (load) resistance in Ω.</param>
    /// <returns>The netlist, saving v(in), v(cell) and the state node.</returns>
    public static Netlist Build(VteamParameters parameters, double initialState, double pulseVoltage, double pulseWidth, double edgeTime, double seriesResistance)
    {
        var netlist = new Netlist { Title = "VTEAM programming pulse" };
        double delay = edgeTime;
        double stop = delay + pulseWidth + (3 * edgeTime) + (0.2 * pulseWidth);
        netlist.Elements.Add(new ElementCard("Vp", ["in", "0"])
        {
            Value = 0.0,
            Waveform = new PulseWaveform(0, pulseVoltage, delay, edgeTime, edgeTime, pulseWidth, 2 * stop, 7),
        });
        netlist.Elements.Add(new ElementCard("Rs", ["in", CellNode]) { Value = seriesResistance });
        VteamNetlist.Add(netlist, "m1", CellNode, "0", parameters, initialState);
        double step = stop / 1000;
        netlist.Analyses.Add(new TranAnalysisCard(step, stop, null, step, false));
        netlist.Saves.Add(new OutputVector('v', "in"));
        netlist.Saves.Add(new OutputVector('v', CellNode));
        netlist.Saves.Add(new OutputVector('v', StateNode));
        return netlist;
    }
}
