using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Voltage-controlled voltage source (E): v(p) − v(n) = A·(v(cp) − v(cn)), output current an unknown.</summary>
public sealed class Vcvs : CircuitElement
{
    private readonly string[] _names;
    private int _p;
    private int _n;
    private int _cp;
    private int _cn;
    private int _pb;
    private int _nb;
    private int _bp;
    private int _bn;
    private int _bcp;
    private int _bcn;

    /// <summary>Creates a VCVS with voltage gain <paramref name="gain"/>.</summary>
    public Vcvs(string name, string nodeP, string nodeN, string controlP, string controlN, double gain)
        : base(name)
    {
        _names = [nodeP, nodeN, controlP, controlN];
        Gain = gain;
    }

    /// <summary>Voltage gain (dimensionless).</summary>
    public double Gain { get; }

    /// <summary>Index of the output branch current.</summary>
    public int Branch { get; private set; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_names[0]);
        _n = unknowns.Node(_names[1]);
        _cp = unknowns.Node(_names[2]);
        _cn = unknowns.Node(_names[3]);
        Branch = unknowns.Branch(Name);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        _pb = context.Entry(context.Slot(_p), Branch);
        _nb = context.Entry(context.Slot(_n), Branch);
        _bp = context.Entry(Branch, context.Slot(_p));
        _bn = context.Entry(Branch, context.Slot(_n));
        _bcp = context.Entry(Branch, context.Slot(_cp));
        _bcn = context.Entry(Branch, context.Slot(_cn));
    }

    /// <summary>
    /// Branch-row coefficients: v(p) − v(n) − A·(v(cp) − v(cn)) = 0, divided by A when |A| &gt; 1 so
    /// that a very high gain (an ideal op-amp) tends to the nullor row v(cp) = v(cn) instead of
    /// putting 1e12 next to 1 in the matrix.
    /// </summary>
    private (double Output, double Control) RowCoefficients()
        => Math.Abs(Gain) > 1 ? (1 / Gain, 1.0) : (1.0, Gain);

    /// <inheritdoc />
    public override bool IsConstant => true;

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] m = context.Matrix;
        (double output, double control) = RowCoefficients();
        Stamp.Branch(m, _pb, _nb, _bp, _bn, output);
        m[_bcp] -= control;
        m[_bcn] += control;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        var m = context.Matrix;
        (double output, double control) = RowCoefficients();
        Stamp.Branch(m, _pb, _nb, _bp, _bn, (System.Numerics.Complex)output);
        m[_bcp] -= control;
        m[_bcn] += control;
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology) => topology.VoltageBranch(_p, _n, Name);
}
