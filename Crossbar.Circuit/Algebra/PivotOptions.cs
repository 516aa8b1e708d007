namespace Crossbar.Circuit.Algebra;

/// <summary>Threshold pivoting parameters (SPICE names pivrel, pivtol).</summary>
public sealed record PivotOptions
{
    /// <summary>A pivot is accepted if |a| ≥ RelativeThreshold·max|column| (SPICE pivrel, default 1e-3).</summary>
    public double RelativeThreshold { get; init; } = 1e-3;

    /// <summary>Smallest acceptable absolute pivot (SPICE pivtol, default 1e-13).</summary>
    public double AbsoluteThreshold { get; init; } = 1e-13;
}
