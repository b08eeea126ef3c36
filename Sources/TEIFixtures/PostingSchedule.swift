/// When operation accounts post: office staff on Moscow office hours, everyone else around the clock.
struct PostingSchedule {
    let firstDay: Int
    let lastDay: Int
    /// Share of an office account's tweets that fall inside office hours; the rest is overtime.
    static let officeShare = 0.94
    /// Office hours are 09:00–17:59 in Moscow (UTC+3), i.e. 06:00–14:59 UTC.
    static let officeStartMinuteUTC = 6 * 60
    static let officeLengthMinutes = 9 * 60

    /// A minute (since 1970, UTC) at which `account` posts, never before the day after it was created.
    func minute(for account: Account, random: inout SplitMix64) -> Int {
        let start = min(lastDay, max(firstDay, account.creationDay + 1))
        let day = random.int(in: start...lastDay)
        if account.keepsOfficeHours && random.chance(Self.officeShare) {
            return officeMinute(on: weekday(near: day, from: start), random: &random)
        }
        return day * 1440 + random.below(1440)
    }

    /// A minute inside office hours on `day`, with the lunch hour (13:00 Moscow) half as busy.
    func officeMinute(on day: Int, random: inout SplitMix64) -> Int {
        var offset = random.below(Self.officeLengthMinutes)
        if offset / 60 == 4 && random.chance(0.5) {
            offset = random.below(Self.officeLengthMinutes)
        }
        return day * 1440 + Self.officeStartMinuteUTC + offset
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
