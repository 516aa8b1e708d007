namespace Crossbar.Cli.Commands;

/// <summary>Which analogue matrix-computing circuit a command builds.</summary>
public enum CrossbarProblem
{
    /// <summary>Closed-loop inversion: solves A·x = b (A square).</summary>
    Inv,

    /// <summary>Open-loop matrix–vector multiplication: y = A·x.</summary>
    Mvm,

    /// <summary>Closed-loop generalised inverse (least squares): x = argmin ‖X·x − b‖ (X is N×M, N &gt; M).</summary>
    Ginv,
}
