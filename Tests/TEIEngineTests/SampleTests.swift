@testable import TEIEngine
import XCTest

/// `sample` picks the rows its documented key picks (docs/language.md, `SampleOperator`), so
/// another dialect, or a reader with a pencil, can reproduce a sample.
final class SampleTests: XCTestCase {
    static let p: UInt64 = 2_147_483_647

    /// The seed's constants are the published first outputs of splitmix64 from 0, reduced as documented.
    func testTheKeyConstantsComeFromSplitMix64() {
        let outputs: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC]
        let key = SampleKey(seed: 0)
        XCTAssertEqual([key.a1, key.c1, key.a2, key.c2].map(UInt64.init),
                       [1 + outputs[0] % (Self.p - 1), outputs[1] % Self.p, 1 + outputs[2] % (Self.p - 1), outputs[3] % Self.p])
    }

    /// The rows tei keeps are those of smallest `k(i)`, computed here from the definition.
    func testTheRowsAreThoseOfSmallestKey() throws {
        let harness = try SessionHarness()
        let ids = try harness.resultRows("load \"docs/data/tweets.csv\" | select tweetid").map { $0[0] }
        for seed in [0, 1, 7, -3, Int64.max] {
            let key = SampleKey(seed: seed)
            let ranked = ids.indices.sorted { k($0 + 1, key) < k($1 + 1, key) }
            for size in [0, 1, 3, 5, 8, 20] {
                let expected = ranked.prefix(size).sorted().map { ids[$0] }
                let rows = try harness.resultRows("load \"docs/data/tweets.csv\" | select tweetid | sample \(size) seed \(seed)")
                XCTAssertEqual(rows.map { $0[0] }, expected, "sample \(size) seed \(seed)")
            }
            // 30% of 8 rows is 2.4, so 2 rows; 50% is 4; 6.25% is 0.5, rounded up to 1.
            for (percent, size) in [("30", 2), ("50", 4), ("6.25", 1), ("100", 8)] {
                let expected = ranked.prefix(size).sorted().map { ids[$0] }
                let rows = try harness.resultRows("load \"docs/data/tweets.csv\" | select tweetid | sample \(percent)% seed \(seed)")
                XCTAssertEqual(rows.map { $0[0] }, expected, "sample \(percent)% seed \(seed)")
            }
        }
    }

    /// `k(i) = g₂(g₁(i mod p))`, `gⱼ(x) = ((x·Aⱼ + Cⱼ) mod p)⁵ mod p`.
    private func k(_ i: Int, _ key: SampleKey) -> UInt64 {
        func g(_ x: UInt64, _ a: Int64, _ c: Int64) -> UInt64 {
            let base = (x * UInt64(a) + UInt64(c)) % Self.p
            return (0..<5).reduce(UInt64(1)) { power, _ in power * base % Self.p }
        }
        return g(g(UInt64(i) % Self.p, key.a1, key.c1), key.a2, key.c2)
    }
}
