import Foundation

/// A continuous axis: the domain it spans, how values map onto it, and its ticks.
struct Axis {
    var lower: Double
    var upper: Double
    var scale: ValueScale
    var ticks: [Tick]

    /// Where `value` falls between `lower` (0) and `upper` (1); outside values fall outside.
    func fraction(_ value: Double) -> Double {
        switch scale {
        case .linear:
            return upper == lower ? 0.5 : (value - lower) / (upper - lower)
        case .log:
            let low = log10(lower), high = log10(upper)
            return high == low ? 0.5 : (log10(value) - low) / (high - low)
        }
    }

    /// Whether `value` can be placed on this axis (log axes take positive values only).
    func canPlace(_ value: Double) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    /// A value axis over data in `lower...upper`, widened to round ticks.
    ///
    /// `includeZero` anchors linear axes at zero (bars, histograms). A range of one value is
    /// widened so that it still has an extent. With `extendToTicks` false the axis ends at the
    /// data (so the longest bar fills the width) and only the ticks inside it are kept.
    static func values(lower: Double, upper: Double, scale: ValueScale, includeZero: Bool, tickCount: Int,
                       extendToTicks: Bool = true) -> Axis {
        var low = lower, high = upper
        switch scale {
        case .linear:
            if includeZero { low = min(low, 0); high = max(high, 0) }
            if low == high {
                if low == 0 { high = 1 } else if low > 0 { low = 0 } else { high = 0 }
            }
            let made = LinearTicks.make(lower: low, upper: high, count: tickCount)
            return extendToTicks
                ? Axis(lower: made.lower, upper: made.upper, scale: .linear, ticks: made.ticks)
                : Axis(lower: low, upper: high, scale: .linear, ticks: inside(made.ticks, low, high))
        case .log:
            let made = LogTicks.make(lower: low, upper: high, count: tickCount)
            return extendToTicks || high <= low
                ? Axis(lower: made.lower, upper: made.upper, scale: .log, ticks: made.ticks)
                : Axis(lower: low, upper: high, scale: .log, ticks: inside(made.ticks, low, high))
        }
    }

    private static func inside(_ ticks: [Tick], _ low: Double, _ high: Double) -> [Tick] {
        let slack = (high - low) * 1e-9
        return ticks.filter { $0.value >= low - slack && $0.value <= high + slack }
    }

    /// A position axis over exactly `lower...upper` (numbers or times), with ticks inside it.
    static func positions(lower: Double, upper: Double, kind: AxisKind, tickCount: Int) -> Axis {
        var low = lower, high = upper
        if low == high {
            let pad = kind == .time ? 43_200.0 : max(abs(low) * 0.5, 0.5)
            low -= pad
            high += pad
        }
        switch kind {
        case .time:
            return Axis(lower: low, upper: high, scale: .linear,
                        ticks: TimeTicks.make(lower: low, upper: high, count: tickCount))
        case .number:
            let step = LinearTicks.step(lower: low, upper: high, count: tickCount)
            let largest = max(abs(low), abs(high))
            var ticks: [Tick] = []
            var k = ceil(low / step - 1e-9)
            while k * step <= high + step * 1e-9 {
                let value = k * step
                ticks.append(Tick(value: value, label: NumberText.tick(value, step: step, largest: largest)))
                k += 1
            }
            return Axis(lower: low, upper: high, scale: .linear, ticks: ticks)
        }
    }
}
