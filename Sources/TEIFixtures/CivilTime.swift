/// Calendar arithmetic in UTC on plain integers, independent of the clock, locale and time zone.
///
/// Days count from 1970-01-01 and minutes from 1970-01-01 00:00 UTC.
public enum CivilTime {
    /// The day number of a proleptic Gregorian date.
    public static func day(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day of a day number.
    public static func date(ofDay dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    public static func weekday(ofDay dayNumber: Int) -> Int {
        // 1970-01-01 was a Thursday.
        ((dayNumber % 7) + 7 + 3) % 7
    }

    /// `YYYY-MM-DD`, as in `account_creation_date`.
    public static func dateText(ofDay dayNumber: Int) -> String {
        let (year, month, day) = date(ofDay: dayNumber)
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// `YYYY-MM-DD HH:MM`, as in `tweet_time`.
    public static func minuteText(_ minute: Int) -> String {
        let dayNumber = floorDivide(minute, 1440)
        let minuteOfDay = minute - dayNumber * 1440
        return "\(dateText(ofDay: dayNumber)) \(twoDigits(minuteOfDay / 60)):\(twoDigits(minuteOfDay % 60))"
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
