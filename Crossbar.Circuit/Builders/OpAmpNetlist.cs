using System.Globalization;
using Crossbar.Circuit.Netlists;
using Crossbar.Devices.OpAmps;

namespace Crossbar.Circuit.Builders;

/// <summary>
/// Adds an op-amp to a netlist as standard SPICE elements, so the engine simulates and the
/// writer exports the same circuit: ideal = VCVS with gain 1e12 (a nullor to 1e-12), finite gain
/// = VCVS with A0, single pole = VCCS A0/Rp into Rp‖Cp (pole at GBWP/A0) and a unity buffer,
/// optional second pole = one more RC stage; input offset = a series source on the + input;
/// input noise = a TRNOISE source in series with the + input; slew-rate limit = a tanh-limited
/// transconductor (B source) into the pole capacitor; output rails = a B-source soft limiter.
/// </summary>
/// <remarks>
/// <para><b>Slew rate.</b> The input stage drives I = Imax·tanh(gm·vd/Imax) into Cp with
/// gm = A0/Rp and Imax = SR·Cp: small signals see gm unchanged, and dv_pole/dt ≤ Imax/Cp = SR
/// (less the Rp leak, v/(Rp·Cp) = v·2π·GBW/A0, negligible). Needs the single-pole kind.</para>
/// <para><b>Rails.</b> out = min(max(x, d), c) + δ·tanh(max(x − c, 0)/δ) − δ·tanh(max(d − x, 0)/δ)
/// with c = V_pos − δ, d = V_neg + δ and δ the knee: exactly
/// <see cref="SoftLimiter"/> (identity inside [d, c], tanh knees of width δ, C¹), written with
/// min/max/tanh so ngspice evaluates the same function. x is the pole node, or A·(v+ − v−) for the
/// ideal (A = 1e12) and finite-gain kinds, in one B source.</para>
/// <para><b>Noise.</b> e_n (V/√Hz) becomes TRNOISE(NA NT 0 0) with NA = e_n/√(2·NT)
/// (<see cref="OpAmpModel.InputNoiseSampleAmplitude"/>), NT = 1/(20·GBW) unless given: white up to
/// the Nyquist frequency 10·GBW, well above the closed-loop bandwidth.</para>
/// </remarks>
public static class OpAmpNetlist
{
    /// <summary>Gain used for an ideal op-amp.</summary>
    public const double IdealGain = 1e12;

    /// <summary>Internal resistance of the second-pole stage in Ω.</summary>
    public const double PoleResistance = 1e3;

    /// <summary>
    /// Transconductance of the input stage in S. Kept at 1 S (the pole resistance is A0/gm) so that
    /// the op-amp's matrix entries are of the order of the wire conductances: with 100 S the
    /// threshold pivoting of the sparse LU leaves the inverting-input diagonals and fills in.
    /// </summary>
    public const double InputTransconductance = 1.0;

    /// <summary>Adds op-amp <paramref name="name"/> with inputs (+, −) and output.</summary>
    /// <param name="netlist">The netlist.</param>
    /// <param name="name">Op-amp name (prefix of its elements and nodes).</param>
    /// <param name="plus">Non-inverting input node.</param>
    /// <param name="minus">Inverting input node.</param>
    /// <param name="output">Output node.</param>
    /// <param name="model">The model.</param>
    /// <param name="noiseSampleTime">NT of the input-noise source in s (default 1/(20·GBW)).</param>
    /// <exception cref="NotSupportedException">A slew-rate limit on an op-amp without a pole.</exception>
    public static void Add(Netlist netlist, string name, string plus, string minus, string output, OpAmpModel model, double? noiseSampleTime = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        bool slew = double.IsFinite(model.SlewRate);
        if (slew && model.Kind != OpAmpKind.SinglePole)
        {
            throw new NotSupportedException($"op-amp {name}: a slew-rate limit needs a single-pole op-amp (it limits the current into the pole capacitor); this one is {model.Kind}");
        }

        if (model.InputOffsetVoltage != 0)
        {
            string offsetNode = $"{name}_os";
            Add(netlist, new ElementCard($"V{name}_os", [offsetNode, plus]) { Value = model.InputOffsetVoltage });
            plus = offsetNode;
        }

        if (model.InputNoiseDensity > 0)
        {
            double nt = noiseSampleTime ?? (1 / (20 * model.GainBandwidth));
            string noiseNode = $"{name}_en";
            Add(netlist, new ElementCard($"V{name}_en", [noiseNode, plus])
            {
                Value = 0.0,
                Waveform = new TrNoiseWaveform(model.InputNoiseSampleAmplitude(nt), nt, 0.0, 0.0, 0.0, 0.0, 0.0),
            });
            plus = noiseNode;
        }

        string? drive = null;
        switch (model.Kind)
        {
            case OpAmpKind.Ideal:
            case OpAmpKind.FiniteGain:
                double gain = model.Kind == OpAmpKind.Ideal ? IdealGain : model.DcGain;
                if (model.HasRails)
                {
                    drive = string.Create(CultureInfo.InvariantCulture, $"{F(gain)}*v({plus},{minus})");
                }
                else
                {
                    Add(netlist, new ElementCard($"E{name}", [output, "0", plus, minus]) { Value = gain });
                }

                break;
            default:
            {
                string pole = $"{name}_p";
                double gm = InputTransconductance;
                double poleResistance = model.DcGain / gm;
                double capacitance = model.DcGain / (2 * Math.PI * model.GainBandwidth * poleResistance);
                if (slew)
                {
                    double imax = model.SlewRate * capacitance;
                    string expression = string.Create(CultureInfo.InvariantCulture, $"{F(imax)}*tanh({F(gm / imax)}*v({plus},{minus}))");
                    Add(netlist, new ElementCard($"B{name}_sr", ["0", pole]) { Behavior = new BehavioralValue('I', expression) });
                }
                else
                {
                    Add(netlist, new ElementCard($"G{name}", ["0", pole, plus, minus]) { Value = gm });
                }

                Add(netlist, new ElementCard($"R{name}_p", [pole, "0"]) { Value = poleResistance });
                Add(netlist, new ElementCard($"C{name}_p", [pole, "0"]) { Value = capacitance });
                string last = pole;
                if (model.SecondPoleFrequency is { } f2)
                {
                    string second = $"{name}_q";
                    Add(netlist, new ElementCard($"G{name}_q", ["0", second, pole, "0"]) { Value = 1 / PoleResistance });
                    Add(netlist, new ElementCard($"R{name}_q", [second, "0"]) { Value = PoleResistance });
                    Add(netlist, new ElementCard($"C{name}_q", [second, "0"]) { Value = 1 / (2 * Math.PI * f2 * PoleResistance) });
                    last = second;
                }

                if (model.HasRails)
                {
                    drive = $"v({last})";
                }
                else
                {
                    Add(netlist, new ElementCard($"E{name}", [output, "0", last, "0"]) { Value = 1.0 });
                }

                break;
            }
        }

        if (drive is not null)
        {
            Add(netlist, new ElementCard($"B{name}", [output, "0"]) { Behavior = new BehavioralValue('V', RailLimiter(drive, model)) });
        }
    }

    /// <summary>The soft rail limiter of <paramref name="x"/> as a B-source expression (see remarks).</summary>
    /// <param name="x">The unlimited output as an expression (e.g. <c>v(u1_p)</c> or <c>1e5*v(0,m)</c>).</param>
    /// <param name="model">Model with finite rails.</param>
    /// <returns>Expression text.</returns>
    public static string RailLimiter(string x, OpAmpModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double knee = model.RailKnee;
        string c = F(model.PositiveRail - knee);
        string d = F(model.NegativeRail + knee);
        string k = F(knee);
        return $"min(max({x},{d}),{c})+{k}*tanh(max({x}-({c}),0)/{k})-{k}*tanh(max(({d})-{x},0)/{k})";
    }

    private static string F(double value) => SpiceNumber.Format(value);

    private static void Add(Netlist netlist, ElementCard card) => netlist.Elements.Add(card);
}
