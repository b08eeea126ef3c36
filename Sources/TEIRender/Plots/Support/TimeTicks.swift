import TEIStorage
import Foundation

/// Ticks on calendar boundaries (minutes, hours, days, Monday weeks, months, years) for a range
/// of unix seconds, with labels that read as dates.
enum TimeTicks {
    /// A spacing between ticks.
    private enum Step {
        case seconds(Int64)
        case months(Int64)

        /// The approximate length, for choosing a step.
        var approximateSeconds: Double {
            switch self {
            case .seconds(let s): return Double(s)
            case .months(let m): return Double(m) * 30.436875 * 86_400
            }
        }
    }

    private static let minute: Int64 = 60, hour: Int64 = 3600, day: Int64 = 86_400
    private static let steps: [Step] = [
        .seconds(minute), .seconds(2 * minute), .seconds(5 * minute), .seconds(10 * minute),
        .seconds(15 * minute), .seconds(30 * minute), .seconds(hour), .seconds(2 * hour),
        .seconds(3 * hour), .seconds(6 * hour), .seconds(12 * hour), .seconds(day),
        .seconds(2 * day), .seconds(7 * day), .months(1), .months(2), .months(3), .months(6),
        .months(12), .months(24), .months(60), .months(120), .months(240), .months(600),
        .months(1200),
    ]

    /// At most about `count` ticks inside `lower...upper` (unix seconds).
    static func make(lower: Double, upper: Double, count: Int) -> [Tick] {
        let span = upper - lower
        let step = steps.first { span / $0.approximateSeconds <= Double(max(count, 1)) } ?? steps.last!
        let low = Int64(ceil(lower)), high = Int64(floor(upper))
        var times: [Int64] = []
        switch step {
        case .seconds(let size):
            // Weeks start on Monday: 1970-01-05 was one.
            let origin: Int64 = size == 7 * day ? 4 * day : 0
            var t = (low - origin).floorDivided(by: size).quotient * size + origin
            if t < low { t += size }
            while t <= high && times.count < 1000 {
                times.append(t)
                t += size
            }
        case .months(let size):
            let start = CivilDate(dayNumber: low.floorDivided(by: day).quotient)
            var index = start.year * 12 + start.month - 1
            index = index.floorDivided(by: size).quotient * size
            while times.count < 1000 {
                let date = CivilDate(year: 0, month: 1, day: 1).firstOfMonth(adding: index)
                let t = date.dayNumber * day
                if t > high { break }
                if t >= low { times.append(t) }
                index += size
            }
        }
        let crossesYear = CivilDate(dayNumber: low.floorDivided(by: day).quotient).year
            != CivilDate(dayNumber: high.floorDivided(by: day).quotient).year
        return times.map { Tick(value: Double($0), label: label($0, step: step, crossesYear: crossesYear)) }
    }

    private static func label(_ t: Int64, step: Step, crossesYear: Bool) -> String {
        let (dayNumber, second) = t.floorDivided(by: day)
        let date = CivilDate(dayNumber: dayNumber)
        switch step {
        case .months(let size) where size % 12 == 0:
            return String(date.year)
        case .months:
            return "\(date.monthName) \(date.year)"
        case .seconds(let size) where size >= day || second == 0:
            return crossesYear
                ? String(format: "%04lld-%02lld-%02lld", date.year, date.month, date.day)
                : "\(date.monthName) \(date.day)"
        case .seconds:
            return String(format: "%02lld:%02lld", second / hour, second % hour / minute)
        }
    }
}
