namespace Crossbar.Circuit.Elements;

/// <summary>
/// Newton step limiting for junctions and FETs, as in SPICE3 (devsup.c: pnjlim, fetlim,
/// limvds): keeps exponential junction currents from overflowing between iterations.
/// </summary>
public static class JunctionLimiting
{
    /// <summary>Critical voltage of a junction: vt·ln(vt/(√2·Is)).</summary>
    public static double CriticalVoltage(double thermalVoltage, double saturationCurrent)
        => thermalVoltage * Math.Log(thermalVoltage / (Math.Sqrt(2) * saturationCurrent));

    /// <summary>Limits a pn-junction voltage update (SPICE pnjlim); sets <paramref name="limited"/> when it changed the value.</summary>
    public static double PnJunction(double vnew, double vold, double thermalVoltage, double criticalVoltage, ref bool limited)
    {
        if (vnew > criticalVoltage && Math.Abs(vnew - vold) > 2 * thermalVoltage)
        {
            if (vold > 0)
            {
                double arg = 1 + ((vnew - vold) / thermalVoltage);
                vnew = arg > 0 ? vold + (thermalVoltage * Math.Log(arg)) : criticalVoltage;
            }
            else
            {
                vnew = thermalVoltage * Math.Log(vnew / thermalVoltage);
            }

            limited = true;
        }

        return vnew;
    }

    /// <summary>Limits a gate-source voltage update around the threshold (SPICE fetlim).</summary>
    public static double Fet(double vnew, double vold, double threshold)
    {
        double vtsthi = Math.Abs(2 * (vold - threshold)) + 2;
        double vtstlo = (vtsthi / 2) + 2;
        double vtox = threshold + 3.5;
        double delv = vnew - vold;
        if (vold >= threshold)
        {
            if (vold >= vtox)
            {
                if (delv <= 0)
                {
                    if (vnew >= vtox)
                    {
                        if (-delv > vtstlo)
                        {
                            vnew = vold - vtstlo;
                        }
                    }
                    else
                    {
                        vnew = Math.Max(vnew, threshold + 2);
                    }
                }
                else if (delv >= vtsthi)
                {
                    vnew = vold + vtsthi;
                }
            }
            else
            {
                vnew = delv <= 0 ? Math.Max(vnew, threshold - 0.5) : Math.Min(vnew, threshold + 4);
            }
        }
        else
        {
            if (delv <= 0)
            {
                if (-delv > vtsthi)
                {
                    vnew = vold - vtsthi;
                }
            }
            else
            {
                double vtemp = threshold + 0.5;
                if (vnew <= vtemp)
                {
                    if (delv > vtstlo)
                    {
                        vnew = vold + vtstlo;
                    }
                }
                else
                {
                    vnew = vtemp;
                }
            }
        }

        return vnew;
    }

    /// <summary>Limits a drain-source voltage update (SPICE limvds).</summary>
    public static double DrainSource(double vnew, double vold)
    {
        if (vold >= 3.5)
        {
            if (vnew > vold)
            {
                vnew = Math.Min(vnew, (3 * vold) + 2);
            }
            else if (vnew < 3.5)
            {
                vnew = Math.Max(vnew, 2);
            }
        }
        else
        {
            vnew = vnew > vold ? Math.Min(vnew, 4) : Math.Max(vnew, -0.5);
        }

        return vnew;
    }
}
