import Foundation

/// The cells executed in this kernel, for `history_request`: numbered from 1 in the order they ran.
struct ExecutionHistory {
    /// Jupyter's session number for the history of the running kernel.
    static let currentSession = 0

    private(set) var inputs: [String] = []
    /// The text of each cell's result (`Out[N]`), or nil.
    private(set) var outputs: [String?] = []

    mutating func add(_ input: String, output: String?) {
        inputs.append(input)
        outputs.append(output)
    }

    /// The reply's `history`: `[session, line, input]` triples for the request's access type
    /// (`tail`, `range` or `search`), with `[input, output]` for the input when it asks for
    /// `output`; empty for a type it does not know.
    func entries(for request: [String: Any]) -> [[Any]] {
        let withOutput = request["output"] as? Bool ?? false
        let numbered = inputs.enumerated().map { (line: $0.offset + 1, input: $0.element) }
        let chosen: [(line: Int, input: String)]
        switch request["hist_access_type"] as? String {
        case "tail":
            chosen = Array(numbered.suffix(max(0, request["n"] as? Int ?? 10)))
        case "range":
            // Only this kernel's session is kept; ranges of earlier sessions are empty.
            guard (request["session"] as? Int ?? 0) == Self.currentSession else { return [] }
            let start = request["start"] as? Int ?? 1
            let stop = request["stop"] as? Int ?? (inputs.count + 1)
            chosen = numbered.filter { $0.line >= start && $0.line < stop }
        case "search":
            let pattern = request["pattern"] as? String ?? "*"
            var matches = numbered.filter { Self.glob(pattern, matches: $0.input) }
            if request["unique"] as? Bool == true {
                var seen: Set<String> = []
                matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            if let n = request["n"] as? Int, n > 0 { matches = Array(matches.suffix(n)) }
            chosen = matches
        default:
            return []
        }
        return chosen.map { entry in
            let output: Any = outputs[entry.line - 1] ?? NSNull()
            return [Self.currentSession, entry.line, withOutput ? [entry.input, output] : entry.input]
        }
    }

    /// Shell-style matching, as IPython's history search does: `*` any text, `?` one character.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern), text = Array(text)
        var p = 0, t = 0, star = -1, resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
