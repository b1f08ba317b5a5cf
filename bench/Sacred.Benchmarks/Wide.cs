// A 200-key nested config (20 sections x 10 keys), the shape the config benchmarks measure.
// Regenerate with bench/Sacred.Benchmarks/make-wide.py.
using Sacred;

namespace Sacred.Benchmarks;

/// <summary>An experiment with 200 config keys in 20 nested sections.</summary>
[Experiment("wide")]
public static partial class Wide
{
    public enum Mode
    {
        Fast,
        Careful,
    }

    [Config]
    public sealed partial record Config
    {
        public Section00 S00 { get; init; } = new();
        public Section01 S01 { get; init; } = new();
        public Section02 S02 { get; init; } = new();
        public Section03 S03 { get; init; } = new();
        public Section04 S04 { get; init; } = new();
        public Section05 S05 { get; init; } = new();
        public Section06 S06 { get; init; } = new();
        public Section07 S07 { get; init; } = new();
        public Section08 S08 { get; init; } = new();
        public Section09 S09 { get; init; } = new();
        public Section10 S10 { get; init; } = new();
        public Section11 S11 { get; init; } = new();
        public Section12 S12 { get; init; } = new();
        public Section13 S13 { get; init; } = new();
        public Section14 S14 { get; init; } = new();
        public Section15 S15 { get; init; } = new();
        public Section16 S16 { get; init; } = new();
        public Section17 S17 { get; init; } = new();
        public Section18 S18 { get; init; } = new();
        public Section19 S19 { get; init; } = new();
    }

    [Config]
    public sealed partial record Section00
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section01
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section02
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section03
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section04
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section05
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section06
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section07
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section08
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section09
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section10
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section11
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section12
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section13
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section14
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section15
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section16
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section17
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section18
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Config]
    public sealed partial record Section19
    {
        public int Key0 { get; init; } = 0;
        public double Key1 { get; init; } = 1.5;
        public string Key2 { get; init; } = "v2";
        public bool Key3 { get; init; } = true;
        public Mode Key4 { get; init; } = Mode.Fast;
        public long Key5 { get; init; } = 10000000000;
        public double Key6 { get; init; } = 6.5;
        public int Key7 { get; init; } = 7;
        public string Key8 { get; init; } = "v8";
        public double Key9 { get; init; } = 9.5;
    }

    [Main]
    static int Train(int seed) => seed;
}
