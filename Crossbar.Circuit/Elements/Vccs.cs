using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Voltage-controlled current source (G): a current gm·(v(cp) − v(cn)) flows from p through the source to n.</summary>
public sealed class Vccs : CircuitElement
{
    private readonly string[] _names;
    private int _p;
    private int _n;
    private int _cp;
    private int _cn;
    private int _pcp;
    private int _pcn;
    private int _ncp;
    private int _ncn;

    /// <summary>Creates a VCCS with transconductance <paramref name="transconductance"/> in S.</summary>
    public Vccs(string name, string nodeP, string nodeN, string controlP, string controlN, double transconductance)
        : base(name)
    {
        _names = [nodeP, nodeN, controlP, controlN];
        Transconductance = transconductance;
    }

    /// <summary>Transconductance in S.</summary>
    public double Transconductance { get; }

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        _p = unknowns.Node(_names[0]);
        _n = unknowns.Node(_names[1]);
        _cp = unknowns.Node(_names[2]);
        _cn = unknowns.Node(_names[3]);
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        int p = context.Slot(_p);
        int n = context.Slot(_n);
        _pcp = context.Entry(p, context.Slot(_cp));
        _pcn = context.Entry(p, context.Slot(_cn));
        _ncp = context.Entry(n, context.Slot(_cp));
        _ncn = context.Entry(n, context.Slot(_cn));
    }

    /// <inheritdoc />
    public override bool IsConstant => true;

    /// <inheritdoc />
    public override void Load(LoadContext context)
        => Stamp.Admittance(context.Matrix, _pcp, _pcn, _ncp, _ncn, Transconductance);

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
        => Stamp.Admittance(context.Matrix, _pcp, _pcn, _ncp, _ncn, (System.Numerics.Complex)Transconductance);
}
