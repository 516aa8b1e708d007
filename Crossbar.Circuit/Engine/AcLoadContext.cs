using System.Numerics;

namespace Crossbar.Circuit.Engine;

/// <summary>What an element sees while loading its small-signal stamp: complex matrix and right-hand side at angular frequency ω.</summary>
public sealed class AcLoadContext
{
    internal AcLoadContext(int size, int entries, double[] operatingPoint)
    {
        Matrix = new Complex[entries + 1];
        Rhs = new Complex[size + 1];
        OperatingPoint = operatingPoint;
    }

    /// <summary>Complex matrix values by handle (slot 0 is trash).</summary>
    public Complex[] Matrix { get; }

    /// <summary>Complex right-hand side (last slot is the ground trash).</summary>
    public Complex[] Rhs { get; }

    /// <summary>The DC operating point the stamps linearise around.</summary>
    public double[] OperatingPoint { get; }

    /// <summary>Angular frequency in rad/s.</summary>
    public double Omega { get; internal set; }

    internal void Clear()
    {
        Array.Clear(Matrix);
        Array.Clear(Rhs);
    }
}
