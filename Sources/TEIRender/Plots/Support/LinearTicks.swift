import Foundation

/// Round ticks (1, 2 or 5 × 10^k) for a linear range.
enum LinearTicks {
    /// The step of about `count` ticks covering `lower...upper`.
    static func step(lower: Double, upper: Double, count: Int) -> Double {
        let raw = (upper - lower) / Double(max(count, 1))
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// The range widened to whole steps, and the ticks inside it.
    static func make(lower: Double, upper: Double, count: Int) -> (lower: Double, upper: Double, ticks: [Tick]) {
        let step = step(lower: lower, upper: upper, count: count)
        let first = floor(lower / step + 1e-9)
        let last = ceil(upper / step - 1e-9)
        let largest = max(abs(first * step), abs(last * step))
        var ticks: [Tick] = []
        var k = first
        while k <= last {
            // Multiplying the index (not summing steps) keeps values exact enough to label.
            let value = k * step
            ticks.append(Tick(value: value, label: NumberText.tick(value, step: step, largest: largest)))
            k += 1
        }
        return (first * step, last * step, ticks)
    }
}
