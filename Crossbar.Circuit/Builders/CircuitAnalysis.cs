namespace Crossbar.Circuit.Builders;

/// <summary>Which analysis a generated circuit carries.</summary>
public enum CircuitAnalysis
{
    /// <summary>Operating point (<c>.op</c>).</summary>
    OperatingPoint,

    /// <summary>Transient of the step response (<c>.tran</c>), inputs stepping at t = 0+.</summary>
    Transient,
}
