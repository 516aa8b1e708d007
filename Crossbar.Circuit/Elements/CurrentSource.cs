using Crossbar.Circuit.Engine;

namespace Crossbar.Circuit.Elements;

/// <summary>Independent current source: the current flows from + through the source to − (leaves the + node).</summary>
public sealed class CurrentSource : IndependentSource
{
    /// <summary>Creates a current source (AC magnitude in A).</summary>
    public CurrentSource(string name, string nodeP, string nodeN, SourceFunction function, double acMagnitude = 0, double acPhaseDegrees = 0)
        : base(name, nodeP, nodeN, function, acMagnitude, acPhaseDegrees)
    {
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double value = ValueAt(context) * context.SourceFactor;
        context.Rhs[PlusNode] -= value;
        context.Rhs[MinusNode] += value;
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        var value = AcPhasor;
        context.Rhs[PlusNode] -= value;
        context.Rhs[MinusNode] += value;
    }
}
