using NUnit.Framework;
namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>Representative decks shared by the round-trip, ngspice and fuzz tests.</summary>
internal static class Decks
{
    /// <summary>Every element kind, every waveform, nested subcircuits with params, options, every analysis and output card.</summary>
    public const string Representative = """
        Representative deck: all element kinds
        * a comment line
        .param rload=2k gain={10*2}
        .param half = rload / 2
        .options reltol=1e-4 abstol=1e-12 method=gear noopiter
        .model dmod d (is=1e-14 n=1.05)
        .model nm nmos (level=1 vto=0.7 kp=110u)
        .model pm pmos level=1 vto=-0.7 kp=50u
        .subckt amp in out params: g=2
        Rin in 0 1meg
        E1 out 0 in 0 {g}
        .ends amp
        .subckt stage a b params: r=1k
        .model dloc d (is={1e-15*r/1000})
        R1 a mid {r}
        D1 mid b dloc
        Rb b 0 10k
        X1 mid b2 amp g={r/100}
        Rb2 b2 0 1k
        .ends
        V1 in 0 dc 1 ac 1 0
        V2 p 0 PULSE(0 1 1n 1n 1n 5n 10n)
        V3 s 0 sin(0 1 1k)
        V4 w 0 pwl(0 0 1u 1 2u 0)
        V5 nz 0 dc 0 trnoise(1n 1n 0 0)
        Vdd vdd 0 5
        I1 0 i1 1m ; inline comment
        Ri1 i1 0 1k
        R1 in out {rload}
        + tc1=0
        Rout out 0 {half}
        C1 out 0 1p ic=0
        L1 out l1 1u
        Rl l1 0 1
        E2 e2 0 in 0 {gain}
        G1 g1 0 in 0 1m
        Rg g1 0 1k
        F1 f1 0 V1 2
        Rf f1 0 1k
        H1 h1 0 V1 100
        D1 in d1 dmod
        Rd d1 0 1k
        D2 in d2 dmod 2 off
        Rd2 d2 0 1k
        M1 vdd in 0 0 nm W=10u L=1u
        M2 vdd in vdd vdd pm w=20u l=1u
        Xs in xs stage r=2k
        Rxs xs 0 10k
        .ic v(out)=0
        .op
        .dc V1 0 1 0.1
        .tran 1n 100n
        .ac dec 10 1 1meg
        .save v(out) v(in,out) i(V1) xs
        .print tran v(out) i(V1)
        .end
        """;

    /// <summary>A small RC deck with PWL and a two-source DC sweep.</summary>
    public const string Rc = """
        RC with sweeps
        Vin in 0 pwl 0 0 1u 1 $ no parentheses
        Vb b 0 dc 2
        R1 in out 1k
        R2 b out 2k
        C1 out 0 1n
        .dc Vin 0 1 0.5 Vb 0 2 1
        .tran 10n 5u 0 10n uic
        .print dc v(out)
        .end
        """;

    /// <summary>Every form of <c>.measure</c> on an RC step and a DC sweep.</summary>
    public const string Measured = """
        Measured RC
        .param tstop=5u
        Vin in 0 pulse(0 1 0.5u 10n 10n 2u 4u)
        Vr ref 0 0.5
        R1 in out 1k
        C1 out 0 1n
        .dc Vin 0 1 0.1
        .tran 10n {tstop}
        .meas tran trise trig v(out) val=0.1 rise=1 targ v(out) val=0.9 rise=1
        .meas tran tl trig v(in) val=0.5 td=1u cross=last targ at=4u
        .measure tran vf find v(out) when v(in)=0.5 fall=1
        .meas tran tw when v(out)=v(ref) rise=2 from=1u to={tstop}
        .meas tran va find v(out) at=1u
        .meas tran av avg v(out) from=0.5u to=2.5u
        .meas tran rm rms v(out) from=0.5u to=2.5u
        .meas tran it integral v(out) from=0.5u
        .meas tran mn min v(out) to=3u
        .meas tran mx max v(out)
        .meas tran p pp v(out)
        .meas tran d deriv v(out) at=1u
        .meas tran dw derivative v(out) when v(out)=0.5 rise=last
        .meas tran ratio param='trise/tstop*2'
        .meas dc vhalf when v(out)=0.5
        .meas op vo find v(out)
        .step param tstop list 4u 5u
        .step vr 0.4 0.6 0.1
        .model dm d (is=1e-14)
        D1 out 0 dm
        .step dm(is) list 1e-14 2e-14
        .end
        """;
}
