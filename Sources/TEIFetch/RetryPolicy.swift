/// How often and how patiently a request is made again after a network failure, a 5xx, a 408 or a
/// 429: the downloads and the bucket listings share it.
struct RetryPolicy: Sendable {
    /// How many times a request is made before giving up.
    var attempts = 6
    /// The pause before the first retry, doubled before each further one.
    var firstDelay = 0.2

    /// The pause after failed attempt `attempt` (from 1).
    func delay(after attempt: Int) -> Double { firstDelay * Double(1 << (attempt - 1)) }

    /// Whether a reply of this status is worth asking again.
    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }
}
