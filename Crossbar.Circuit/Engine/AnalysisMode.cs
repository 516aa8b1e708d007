namespace Crossbar.Circuit.Engine;

/// <summary>Which analysis a load is for.</summary>
public enum AnalysisMode
{
    /// <summary>Operating point or DC sweep: capacitors open, inductors shorted.</summary>
    Dc,

    /// <summary>Transient time point: reactive elements use integrator companions.</summary>
    Transient,
}
