namespace Crossbar.Devices.Rram;

/// <summary>
/// Static read I–V of an RRAM cell in a given (frozen) conductance state.
/// </summary>
/// <remarks>
/// The state is summarised by its nominal conductance G (S), the value the cell was programmed to as
/// seen at the read voltage. Implementations are stateless and thread-safe; the circuit engine calls
/// <see cref="Current"/> and <see cref="Conductance"/> once per Newton iteration per cell.
/// </remarks>
public interface IRramReadModel
{
    /// <summary>Current through the cell.</summary>
    /// <param name="voltage">Voltage across the cell (V), positive at the terminal the current enters.</param>
    /// <param name="conductance">Nominal state conductance G (S).</param>
    /// <returns>Current I (A).</returns>
    double Current(double voltage, double conductance);

    /// <summary>Small-signal (differential) conductance dI/dV.</summary>
    /// <param name="voltage">Voltage across the cell (V).</param>
    /// <param name="conductance">Nominal state conductance G (S).</param>
    /// <returns>dI/dV (S).</returns>
    double Conductance(double voltage, double conductance);

    /// <summary>Whether the I–V is linear (I = G·V), so the element can be stamped as a constant conductance.</summary>
    bool IsLinear { get; }
}
