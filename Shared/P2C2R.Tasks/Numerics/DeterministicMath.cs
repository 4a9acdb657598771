namespace P2C2R.Tasks.Numerics;

/// <summary>
/// Transcendental functions built from IEEE +, −, × only, in a fixed order. <see cref="Math.Sin"/>
/// may differ in the last bit between C libraries and CPUs; these cannot, so results that feed a
/// hash stay identical on every helper.
/// </summary>
public static class DeterministicMath
{
    /// <summary>sin(πx), the Taylor series to degree 19 on [−½, ½], accurate to about 1e-15, for any finite x.</summary>
    public static double SinPi(double x)
    {
        var n = Math.Round(x);
        var r = x - n;
        var odd = ((long)n & 1) != 0;
        var t = r * r;
        var pi = Math.PI;
        var y = r * pi * (1.0 + t * (-1.6449340668482264 + t * (0.8117424252833535 + t * (-0.1907518241220842
            + t * (0.02614784781765479 + t * (-0.0023460810354558226 + t * (0.00014842879303107092
            + t * (-6.975873661656377e-06 + t * (2.531217404137026e-07 + t * -7.304711822217769e-09)))))))));
        return odd ? -y : y;
    }

    /// <summary>sin(πx)/(πx), with the limit 1 at zero.</summary>
    public static double Sinc(double x) => x == 0.0 ? 1.0 : SinPi(x) / (Math.PI * x);
}
