/// A labelled position on an axis.
struct Tick: Hashable {
    var value: Double
    var label: String
}
