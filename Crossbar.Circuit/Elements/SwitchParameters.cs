using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// The <c>.model name SW(VT= VH= RON= ROFF=)</c> and <c>.model name CSW(IT= IH= RON= ROFF=)</c> parameters of the
/// hysteretic switch (ngspice's SW and CSW models): on above threshold + hysteresis, off below threshold −
/// hysteresis, the last state in between.
/// </summary>
/// <param name="Threshold">VT in V (SW) or IT in A (CSW), default 0.</param>
/// <param name="Hysteresis">VH in V or IH in A, default 0.</param>
/// <param name="OnResistance">RON in Ω, default 1.</param>
/// <param name="OffResistance">ROFF in Ω, default 1/gmin (ngspice).</param>
public sealed record SwitchParameters(double Threshold, double Hysteresis, double OnResistance, double OffResistance)
{
    /// <summary>Reads a <c>sw</c> or <c>csw</c> model card.</summary>
    /// <param name="model">The card.</param>
    /// <param name="gmin">The deck's gmin in S: the default off conductance.</param>
    /// <exception cref="ArgumentException">A resistance that is not finite and positive.</exception>
    public static SwitchParameters FromModel(ModelCard model, double gmin)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool current = model.Type == "csw";
        double on = model.Get("ron") ?? 1;
        double off = model.Get("roff") ?? 1 / gmin;
        foreach ((string name, double value) in new[] { ("RON", on), ("ROFF", off) })
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentException($"model {model.Name}: {name} must be finite and positive, got {value}");
            }
        }

        return new SwitchParameters(model.Get(current ? "it" : "vt") ?? 0, model.Get(current ? "ih" : "vh") ?? 0, on, off);
    }
}
