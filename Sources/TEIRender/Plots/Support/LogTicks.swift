import Foundation

/// Ticks for a base-10 logarithmic range: powers of ten, with 2 and 5 between them when the
/// range spans few decades.
enum LogTicks {
    /// The range widened to whole decades (both bounds positive), and its ticks.
    static func make(lower: Double, upper: Double, count: Int) -> (lower: Double, upper: Double, ticks: [Tick]) {
        var low = floor(log10(lower))
        var high = ceil(log10(upper))
        if high <= low { high = low + 1 }
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        let decades = Int(high - low)
        let every = max(1, Int(ceil(Double(decades) / Double(max(count, 1)))))
        let factors: [Double] = decades <= max(count / 3, 1) ? [1, 2, 5] : [1]
        var ticks: [Tick] = []
        var exponent = Int(low)
        while exponent <= Int(high) {
            if (exponent - Int(low)) % every == 0 {
                for factor in factors {
                    let value = factor * pow(10, Double(exponent))
                    if value <= pow(10, high) * (1 + 1e-9) {
                        ticks.append(Tick(value: value, label: label(value)))
                    }
                }
            }
            exponent += 1
        }
        return (pow(10, low), pow(10, high), ticks)
    }

    private static func label(_ value: Double) -> String {
        NumberText.tick(value, step: value, largest: value)
    }
}
