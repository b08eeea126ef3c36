/// When an account posts.
enum PostingHabit {
    /// Staff on office hours: weekdays 09:00–17:59 at UTC + `utcOffsetHours`, with some overtime.
    case officeHours(utcOffsetHours: Int)
    /// Any hour of any day, evenly (the operation's media accounts).
    case aroundTheClock
    /// A private person at UTC + `utcOffsetHours`: awake from about seven, busiest in the evening,
    /// weekends included, now and then late at night.
    case waking(utcOffsetHours: Int)
    /// A program posting every `everyMinutes` minutes, day and night; it posts nothing else.
    case scheduled(everyMinutes: Int)
}
