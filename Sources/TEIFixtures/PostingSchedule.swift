/// When accounts post: staff on office hours in their office's time zone, media accounts around
/// the clock, private people in their waking hours.
struct PostingSchedule {
    let firstDay: Int
    let lastDay: Int
    /// Office hours start at 09:00 local time; this is that minute of the day in UTC.
    let officeStartMinuteUTC: Int
    /// Share of an office account's tweets that fall inside office hours; the rest is overtime.
    static let officeShare = 0.94
    static let officeLengthMinutes = 9 * 60
    /// How much more likely a private person tweets in each local hour (0–23) than at 4 in the
    /// morning: a little at night, more by day, most in the evening.
    static let wakingHourWeights = [2, 1, 1, 1, 1, 2, 4, 8, 9, 8, 8, 9, 11, 10, 9, 9, 10, 12, 16, 18, 19, 18, 14, 7]
    private static let wakingTotal = wakingHourWeights.reduce(0, +)

    init(firstDay: Int, lastDay: Int, officeUTCOffsetHours: Int) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        officeStartMinuteUTC = (9 - officeUTCOffsetHours) * 60
    }

    /// A minute (since 1970, UTC) at which `account` posts, never before the day after it was created.
    func minute(for account: Account, random: inout SplitMix64) -> Int {
        let start = min(lastDay, max(firstDay, account.creationDay + 1))
        let day = random.int(in: start...lastDay)
        switch account.habit {
        case .officeHours where random.chance(Self.officeShare):
            return officeMinute(on: weekday(near: day, from: start), random: &random)
        case .waking(let offset):
            // Local night hours near the ends of the period stay inside it.
            let minute = day * 1440 + wakingMinute(random: &random) - offset * 60
            return min(max(minute, start * 1440), lastDay * 1440 + 1439)
        case .officeHours, .aroundTheClock, .scheduled:
            return day * 1440 + random.below(1440)
        }
    }

    /// A minute inside office hours on `day`, with the lunch hour (13:00 local) half as busy.
    func officeMinute(on day: Int, random: inout SplitMix64) -> Int {
        var offset = random.below(Self.officeLengthMinutes)
        if offset / 60 == 4 && random.chance(0.5) {
            offset = random.below(Self.officeLengthMinutes)
        }
        return day * 1440 + officeStartMinuteUTC + offset
    }

    /// A local minute of the day drawn from the waking-hour weights.
    private func wakingMinute(random: inout SplitMix64) -> Int {
        var roll = random.below(Self.wakingTotal)
        for (hour, weight) in Self.wakingHourWeights.enumerated() {
            if roll < weight { return hour * 60 + random.below(60) }
            roll -= weight
        }
        return 23 * 60 + random.below(60)
    }

    /// `day` itself on a weekday, otherwise the nearest weekday inside `from...lastDay`.
    private func weekday(near day: Int, from start: Int) -> Int {
        switch CivilTime.weekday(ofDay: day) {
        case 5: return day - 1 >= start ? day - 1 : min(lastDay, day + 2)
        case 6: return day + 1 <= lastDay ? day + 1 : max(start, day - 2)
        default: return day
        }
    }
}
