/// A small, fast, seedable pseudo-random generator (SplitMix64).
///
/// The fixtures must come out byte-identical on every machine and toolchain, so the generator never
/// touches `SystemRandomNumberGenerator`, and the helpers below avoid the standard library's
/// `random(in:using:)`, whose sampling algorithm is not promised to stay the same between releases.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Scrambles one 64-bit value; also used as a keyed hash for derived identifiers.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen integer in `0..<bound` (`bound` must be positive).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniformly chosen integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniformly chosen number in `0..<1`.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array, chosen uniformly.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// A derived generator for an independent sub-stream, so adding draws to one part of the
    /// generator does not shift the output of every other part.
    public func fork(_ salt: UInt64) -> SplitMix64 {
        SplitMix64(seed: Self.mix(state ^ Self.mix(salt)))
    }
}
