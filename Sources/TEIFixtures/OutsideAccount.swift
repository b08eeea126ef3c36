/// An account outside the operation: retweeted, replied to or mentioned, never in the users file.
struct OutsideAccount {
    let numericID: UInt64
    let handle: String
}
