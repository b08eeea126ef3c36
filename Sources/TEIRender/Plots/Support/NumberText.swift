import Foundation

/// How numbers read on charts: grouped thousands (`12,345`), few decimals, and `k`/`M`/`B`
/// suffixes on ticks of large numbers.
enum NumberText {
    /// A value label: integers grouped, other numbers with two or three significant decimals.
    static func value(_ v: Double) -> String {
        if !v.isFinite { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        if v == v.rounded(), abs(v) < 1e15 { return grouped(Int64(v)) }
        let magnitude = abs(v)
        let decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : max(2, 2 - Int(floor(log10(magnitude))))
        return fixed(v, decimals: min(decimals, 12))
    }

    /// A tick label for a value on an axis whose ticks are `step` apart and whose largest tick
    /// has magnitude `largest`: all ticks of an axis share one unit (`k`, `M`, …) so they compare.
    static func tick(_ v: Double, step: Double, largest: Double) -> String {
        if largest >= 1e6 || (step >= 1000 && largest >= 1e4) {
            for (size, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] where largest >= size {
                if v == 0 { return "0" }
                let decimals = max(0, Int(ceil(-log10(step / size) - 1e-9)))
                return fixed(v / size, decimals: min(decimals, 6)) + suffix
            }
        }
        let decimals = step >= 1 ? 0 : Int(ceil(-log10(step) - 1e-9))
        return fixed(v, decimals: min(decimals, 12))
    }

    /// `v` with `decimals` decimals, thousands grouped, trailing zeros dropped.
    static func fixed(_ v: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", v)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        let integer = groupDigits(String(parts[0]))
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + integer + fraction
    }

    /// An integer with thousands separators.
    static func grouped(_ v: Int64) -> String {
        let digits = groupDigits(String(v.magnitude))
        return v < 0 ? "-" + digits : digits
    }

    private static func groupDigits(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
