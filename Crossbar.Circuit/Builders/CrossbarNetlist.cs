using Crossbar.Circuit.Netlists;
using Crossbar.Devices.Rram;
using Crossbar.Devices.Transistors;

namespace Crossbar.Circuit.Builders;

/// <summary>Shared pieces of generated crossbar netlists: array cards with the chosen cells and wires, input sources, analyses.</summary>
internal static class CrossbarNetlist
{
    public const string AccessModelName = "nacc";

    /// <summary>Adds an array card (and the access-transistor model once) for conductances G (S).</summary>
    public static CrossbarArrayCard AddArray(Netlist netlist, string name, IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] conductance, CrossbarBuildOptions options)
    {
        int m = rows.Count;
        int n = columns.Count;
        var g = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                g[(i * n) + j] = conductance[i, j];
            }
        }

        Mosfet1Parameters t = options.AccessTransistor;
        if (options.Cell == CrossbarCellKind.Transistor && !netlist.Models.ContainsKey(AccessModelName))
        {
            netlist.Models[AccessModelName] = new ModelCard(AccessModelName, t.Polarity == MosfetPolarity.Pmos ? "pmos" : "nmos",
            [
                new("level", 1.0),
                new("vto", t.ThresholdVoltage),
                new("kp", t.TransconductanceParameter),
                new("gamma", t.BodyEffectCoefficient),
                new("phi", t.SurfacePotential),
                new("lambda", t.ChannelLengthModulation),
            ]);
        }

        var sinh = options.Rram as SinhRramModel;
        if (sinh is null && !options.Rram.IsLinear)
        {
            throw new NotSupportedException($"RRAM read model {options.Rram.GetType().Name} has no circuit form: use LinearRramModel or SinhRramModel");
        }

        var card = new CrossbarArrayCard(name, rows, columns, g)
        {
            ReadModel = options.Rram,
            CellKind = options.Cell,
            TransistorModel = AccessModelName,
            TransistorWidth = t.Width,
            TransistorLength = t.Length,
            GateVoltage = options.GateVoltage,
            BulkVoltage = options.BulkVoltage,
            OnResistance = options.Cell == CrossbarCellKind.OnResistance ? CellModel.WithTransistor(options.Rram, t, options.GateVoltage, options.BulkVoltage).OnResistance() : 0,
            RowWireResistance = options.Wires.RowResistancePerCell,
            ColumnWireResistance = options.Wires.ColumnResistancePerCell,
            RowWireCapacitance = options.Wires.RowCapacitancePerCell,
            ColumnWireCapacitance = options.Wires.ColumnCapacitancePerCell,
            RowTerminalAtFarEnd = options.Wires.RowSenseEnd == Devices.Wires.LineEnd.Far,
            ColumnTerminalAtFarEnd = options.Wires.ColumnDriveEnd == Devices.Wires.LineEnd.Far,
            CellNoise = options.CellNoise,
            NoiseSeed = Devices.Noise.CellReadNoise.ArraySeed(options.Seed, name),
        };
        netlist.Arrays.Add(card);
        if (sinh is not null && options.Cell == CrossbarCellKind.Transistor && !netlist.Options.Any(o => o.Name == "noopiter"))
        {
            // ngspice's plain Newton diverges on sinh B sources behind access transistors (cosh
            // overflow); gmin stepping from the start converges. CrossbarSim ignores both options.
            netlist.Options.Add(new OptionCard("noopiter", null, null));
            netlist.Options.Add(new OptionCard("gminsteps", 20, null));
        }

        return card;
    }

    /// <summary>
    /// Small-signal conductance of one cell of programmed conductance G (S) as the array card
    /// realises it: the RRAM's dI/dV at zero bias, in series with the access transistor's channel
    /// for 1T1R and on-resistance cells, G_eff = 1/(1/G_rram + R_on). R_on = 1/(β·(v_gs − V_T(v_bs)))
    /// comes from <see cref="Mosfet1Model.OnResistance"/> with the source at the column line
    /// (≈ 0 V: v_gs = word-line voltage, v_bs = bulk voltage). Wire resistance is not included.
    /// A sinh RRAM's dI/dV grows with its bias (by cosh(V/V0), 1.34 at 0.2 V and V0 = 0.25 V), so
    /// the zero-bias value is a choice; an 8×8 signed INV with sinh cells still has its simulated
    /// tail τ within 0.3% of the loop model's.
    /// </summary>
    public static double SmallSignalConductance(double conductance, CrossbarBuildOptions options)
    {
        double g = options.Rram.Conductance(0, conductance);
        if (options.Cell == CrossbarCellKind.Resistor)
        {
            return g;
        }

        double ron = new Mosfet1Model(options.AccessTransistor).OnResistance(options.GateVoltage, options.BulkVoltage);
        return 1 / ((1 / g) + ron);
    }

    /// <summary>A step source card: DC value for .op, a 0 → value step at t = 0+ for .tran.</summary>
    public static ElementCard Step(string name, string plus, string minus, double value, double riseTime) => new(name, [plus, minus])
    {
        Value = value,
        Waveform = new PulseWaveform(0, value, 0, riseTime, riseTime, 1e3, 2e3, 7),
    };

    /// <summary>Adds the analysis and the saved vectors.</summary>
    /// <param name="netlist">The netlist.</param>
    /// <param name="analysis">Operating point or transient.</param>
    /// <param name="stopTime">Transient stop time in s.</param>
    /// <param name="saved">Saved node names.</param>
    /// <param name="points">Transient print points (print step and largest step = stop time / points).</param>
    public static void AddAnalysis(Netlist netlist, CircuitAnalysis analysis, double stopTime, IEnumerable<string> saved, int points = 500)
    {
        netlist.Options.Add(new OptionCard("noinit", null, null));
        if (analysis == CircuitAnalysis.OperatingPoint)
        {
            netlist.Analyses.Add(new OpAnalysisCard());
        }
        else
        {
            double step = stopTime / points;
            netlist.Analyses.Add(new TranAnalysisCard(step, stopTime, null, step, false));
        }

        foreach (string node in saved)
        {
            netlist.Saves.Add(new OutputVector('v', node));
        }
    }

    /// <summary>Row-major copy of a rectangular array.</summary>
    public static double[] Column(double[,] a, int j)
    {
        var c = new double[a.GetLength(0)];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = a[i, j];
        }

        return c;
    }
}
