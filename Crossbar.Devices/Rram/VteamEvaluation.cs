namespace Crossbar.Devices.Rram;

/// <summary>Everything the circuit engine needs from a VTEAM cell at one (v, w): values and Jacobian entries.</summary>
/// <param name="Current">I(v, w), current through the device (A).</param>
/// <param name="CurrentVoltageDerivative">∂I/∂v (S).</param>
/// <param name="CurrentStateDerivative">∂I/∂w (A/m).</param>
/// <param name="StateRate">dw/dt (m/s).</param>
/// <param name="StateRateVoltageDerivative">∂(dw/dt)/∂v (m/(s·V)).</param>
/// <param name="StateRateStateDerivative">∂(dw/dt)/∂w (1/s).</param>
public readonly record struct VteamEvaluation(
    double Current,
    double CurrentVoltageDerivative,
    double CurrentStateDerivative,
    double StateRate,
    double StateRateVoltageDerivative,
    double StateRateStateDerivative);
