namespace Crossbar.Circuit.Builders;

/// <summary>The INV loop is unstable: the message names the offending eigenvalue of D⁻¹G.</summary>
public sealed class InvUnstableException : Exception
{
    /// <summary>Creates the exception from a stability report.</summary>
    public InvUnstableException(InvStability stability)
        : base(stability.Message)
    {
        Stability = stability;
    }

    /// <summary>The report.</summary>
    public InvStability Stability { get; }
}
